// The evaluation statistics in a real browser against the real stack: referrals filed through
// referrals' API (ours and another organisation's), the coordinator's page shows our figures and
// only ours, the CSV holds the same figures, and a small cell is hidden. In French with axe;
// Dutch and English see the page once each.
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  frenchRun,
  type Language,
  messages,
  press,
  SCREENS,
  screen,
  useBrowserStack,
  visible,
} from "./browser.js";
import { fileAsPolice } from "./stack.js";

const FR = frenchRun("stats-fr", SCREENS.desk);
const t = messages("fr");
const percent = (value: number, language: Language = "fr") =>
  new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(value);

const live = useBrowserStack();

/** The month of now in Brussels, as the page and the services count it. */
function thisMonth(): { key: string; label: (language: Language) => string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const key = `${parts.year}-${parts.month}`;
  return {
    key,
    label: (language) =>
      new Intl.DateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(`${key}-15T12:00:00Z`),
      ),
  };
}

async function file(org: string, zone: string, n: number, municipality: string, authorConsent: boolean) {
  for (let i = 0; i < n; i++) {
    const person = (role: "victim" | "author", consent: boolean) => ({
      role,
      displayName: `${role} ${i}`,
      consent,
      language: "fr",
      contact: { phone: "+32470111111" },
      preferences: { channels: ["phone"], voicemailAllowed: false },
    });
    await fileAsPolice(
      live.stack,
      {
        policeZone: zone,
        incidentReference: `ST.55.${zone}.${i}/26`,
        incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
        kind: "partner",
        riskLevel: "high",
        childrenPresent: false,
        municipality,
        persons: [person("victim", true), person("author", authorConsent)],
      },
      { org, sub: zone },
    );
  }
}

beforeAll(async () => {
  // Ours (org-dev, the picker's): 6 in Seraing and 6 in Liège (authors consenting in Seraing
  // only), 2 in Bastogne, which has no route. Another organisation: 5 in Seraing.
  await file("org-dev", "zone-5277", 6, "Seraing", true);
  await file("org-dev", "zone-5300", 6, "Liège", false);
  await file("org-dev", "zone-5300", 2, "Bastogne", true);
  await file("org-other", "zone-5277", 5, "Seraing", true);
});

async function openStatistics(context: BrowserContext, language: Language): Promise<Page> {
  const m = messages(language);
  const page = await context.newPage();
  await page.goto(`${live.stack.consoleUrl}/`);
  await press(page.getByRole("button", { name: language.toUpperCase(), exact: true }), false);
  await press(page.getByRole("button", { name: m("signIn.as", { name: "Coordinator" }) }), false);
  await press(page.getByRole("link", { name: m("nav.coordination") }), false);
  await press(
    page
      .getByRole("navigation", { name: m("oversight.navLabel") })
      .getByRole("link", { name: m("stats.title") }),
    false,
  );
  await visible(page.getByRole("heading", { name: m("stats.title"), level: 1 }));
  return page;
}

/** The rows of a figure's table as the page shows them, header cell first. */
async function rowsOf(page: Page, figure: string) {
  const table = page.getByRole("figure", { name: figure }).getByRole("table");
  await visible(table);
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr, tfoot tr").all()) {
    rows.push((await row.locator("th, td").allTextContents()).map((text) => text.trim()));
  }
  return rows;
}

describe("the evaluation statistics", () => {
  it("shows the seeded figures, the same in the CSV, and hides a small cell", async () => {
    const context = await live.browser.newContext({ ...FR.context, locale: "fr-BE", acceptDownloads: true });
    const page = await openStatistics(context, "fr");
    const month = thisMonth();
    const hidden = t("stats.suppressed");
    // Fourteen referrals this month, every victim consenting; the other organisation's five are
    // not among them. Authors: 8 of 14.
    const victims = await rowsOf(page, t("stats.fig.referrals.victimConsent"));
    expect(victims).toContainEqual([month.label("fr"), "14", "0", "14", percent(1)]);
    expect(victims.at(-1)).toEqual([t("stats.total"), "14", "0", "14", percent(1)]);
    const authors = await rowsOf(page, t("stats.fig.referrals.authorConsent"));
    expect(authors.at(-1)).toEqual([t("stats.total"), "8", "6", "14", percent(8 / 14)]);
    // Two in Bastogne have no route: hidden, with the routed count that would give them away.
    const routing = await rowsOf(page, t("stats.fig.referrals.routing"));
    expect(routing.at(-1)).toEqual([t("stats.total"), hidden, hidden, "0", "14", hidden]);
    await screen(page, FR, "s01-statistics-by-month");

    // The CSV: the same figures, suppressed ones as "suppressed".
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t("stats.exportCsv") }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, "utf8").split("\r\n");
    expect(csv[0]).toBe("service,figure,breakdown,row,category,value");
    for (const [category, value] of [
      ["yes", "14"],
      ["no", "0"],
      ["total", "14"],
    ])
      expect(csv).toContain(`referrals,referrals.victimConsent,month,${month.key},${category},${value}`);
    expect(csv).toContain(`referrals,referrals.authorConsent,month,total,no,6`);
    expect(csv).toContain(`referrals,referrals.routing,month,${month.key},unroutable,suppressed`);
    expect(csv).toContain(`referrals,referrals.routing,month,total,total,14`);
    expect(csv.join("\n")).not.toMatch(/,(1|2|3|4)$/m);

    // By municipality: Bastogne's two are hidden, and so is a complement; Liège stays readable.
    await press(page.getByRole("button", { name: new RegExp(t("stats.breakdown")) }), false);
    await press(page.getByRole("option", { name: t("stats.by.municipality") }), false);
    await press(page.getByRole("button", { name: t("stats.apply") }), false);
    await visible(page.getByRole("columnheader", { name: t("stats.by.municipality") }).first());
    const byPlace = await rowsOf(page, t("stats.fig.referrals.victimConsent"));
    expect(byPlace.find((row) => row[0] === "Bastogne")?.slice(1, 4)).toEqual([hidden, "0", hidden]);
    expect(byPlace.filter((row) => row.includes(hidden)).length).toBeGreaterThanOrEqual(2);
    // The tables of one family share their row totals, so complements may reach the column
    // totals too; the grand total stays.
    expect(byPlace.at(-1)?.[3]).toBe("14");
    expect(byPlace.flat().filter((text) => /^[1-4]$/.test(text))).toEqual([]);
    expect(await page.title()).toBe("Relais");
    expect(page.url()).not.toContain("Bastogne");
    await screen(page, FR, "s02-statistics-by-municipality");
    await context.close();
  });

  for (const language of ["nl", "en"] as const) {
    it(`reads in ${language}`, async () => {
      const m = messages(language);
      const context = await live.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await openStatistics(context, language);
      const rows = await rowsOf(page, m("stats.fig.referrals.victimConsent"));
      expect(rows).toContainEqual([thisMonth().label(language), "14", "0", "14", percent(1, language)]);
      await screen(page, { ...FR, name: `stats-${language}`, language, axe: false }, "s01-statistics");
      await context.close();
    });
  }
});
