// Case conferences in a real browser against the real stack, on an iPad by touch: the coordinator
// schedules a monthly conference inviting the parquet, puts a referral on the agenda confidential
// to it, records a decision with an action and opens the minutes; the parquet's partner (another
// organisation) signs in, sees its conference, its item (the summary only) and closes its action.
// axe on every screen; nothing personal in URLs, titles or browser storage.
import { mintToken, policeReferral, waitFor } from "@relais/testing";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { frenchRun, messages, press, SCREENS, screen, tick, useBrowserStack, visible } from "./browser.js";
import { fileAsPolice, phoneVictim, startBrowserStack } from "./stack.js";

const IPAD = frenchRun("conferences-ipad", SCREENS.ipad);
const t = messages("fr");
const SUMMARY = "Mère et deux enfants ; violences répétées ; hébergée chez un proche.";
const QUESTION = "Le parquet envisage-t-il une interdiction de résidence ?";
const EMAIL = "concertation@parquet-liege.example";

const live = useBrowserStack(() => startBrowserStack({}, {}, { conferences: true }));
const tap = (locator: ReturnType<Page["getByRole"]>) => press(locator, true);

beforeAll(async () => {
  // A referral of org-dev, which conferences learns of from referrals.referral.received.
  await fileAsPolice(
    live.stack,
    policeReferral({
      policeZone: "5277",
      incidentReference: `CF.55.${Date.now() % 100_000}/26`,
      incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
      persons: [phoneVictim("+32470222333", "Nadia Test")],
    }),
    { sub: "zone-5277" },
  );
  const coordinator = await mintToken({ role: "coordinator", org: "org-dev", sub: "dev-coordinator" });
  await waitFor(
    async () => {
      const known = await fetch(`${live.stack.urls.conferences}/v1/known-referrals`, {
        headers: { authorization: `Bearer ${coordinator}` },
      });
      return ((await known.json()) as { items: unknown[] }).items.length > 0;
    },
    { timeoutMs: 20_000, intervalMs: 200, message: "conferences to learn of the referral" },
  );
});

async function signIn(person: string): Promise<Page> {
  const context = await live.browser.newContext(IPAD.context);
  return live.signIn(context, IPAD, person);
}

/** Nothing personal where the browser keeps or shows it. */
async function expectNothingPersonal(page: Page) {
  const kept = String(await page.evaluate("JSON.stringify({ ...localStorage, ...sessionStorage })"));
  for (const secret of [SUMMARY, QUESTION, EMAIL, "Nadia"]) {
    expect(page.url()).not.toContain(secret);
    expect(await page.title()).not.toContain(secret);
    expect(kept).not.toContain(secret);
  }
}

describe("case conferences", () => {
  it("the coordinator schedules, fills the agenda, decides; the parquet's partner sees only its part", async () => {
    const page = await signIn("Coordinator");
    await tap(page.getByRole("navigation").getByRole("link", { name: t("conferences.nav") }));
    await visible(page.getByRole("heading", { name: t("conferences.listTitle"), level: 1 }));
    await tap(page.getByRole("link", { name: t("conferences.schedule") }));
    await page.getByRole("textbox", { name: t("conferences.titleField") }).fill("Concertation Seraing");
    await page.getByRole("textbox", { name: t("conferences.zone") }).fill("5277");
    await page.getByRole("textbox", { name: t("conferences.municipality") }).fill("Seraing");
    await page.getByLabel(t("conferences.start")).fill("2027-01-12T14:00");
    await page
      .getByRole("textbox", { name: t("conferences.organisationName"), exact: true })
      .fill("Parquet de Liège");
    await page
      .getByRole("textbox", { name: t("conferences.organisation"), exact: true })
      .fill("org-parquet-liege");
    await page.getByRole("textbox", { name: t("conferences.email") }).fill(EMAIL);
    await screen(page, IPAD, "01-schedule");
    await tap(page.getByRole("button", { name: t("conferences.schedule") }));

    // The agenda: add the referral, confidential to the parquet.
    await visible(page.getByRole("heading", { name: "Concertation Seraing", level: 1 }));
    await tap(page.getByRole("button", { name: t("conferences.referral") }));
    await tap(page.getByRole("option").first());
    await page.getByRole("textbox", { name: t("conferences.summary"), exact: true }).fill(SUMMARY);
    await page.getByRole("textbox", { name: t("conferences.question"), exact: true }).fill(QUESTION);
    await tick(page.getByRole("checkbox", { name: t("conferences.confidentialField") }));
    await tick(page.getByRole("checkbox", { name: "Parquet de Liège" }));
    await tap(page.getByRole("button", { name: t("conferences.addItem") }));
    await visible(page.getByText(SUMMARY));
    await screen(page, IPAD, "02-agenda");
    await expectNothingPersonal(page);

    await tap(page.getByRole("link", { name: t("conferences.decisionsTitle") }));
    await page
      .getByRole("textbox", { name: t("conferences.decision"), exact: true })
      .fill("Le parquet examine une interdiction.");
    await tap(page.getByRole("button", { name: t("conferences.owner") }));
    await tap(page.getByRole("option", { name: "Parquet de Liège" }));
    await page
      .getByRole("textbox", { name: t("conferences.action"), exact: true })
      .fill("Communiquer la décision");
    await page.getByLabel(t("conferences.due")).fill("2027-01-26");
    await tap(page.getByRole("button", { name: t("conferences.recordDecision") }));
    await visible(page.getByText("Communiquer la décision", { exact: false }).first());
    await screen(page, IPAD, "03-decisions");

    await tap(page.getByRole("link", { name: t("conferences.agenda") }));
    await tap(page.getByRole("link", { name: t("conferences.minutes") }));
    await visible(
      page.getByRole("heading", { name: t("conferences.minutesTitle", { title: "Concertation Seraing" }) }),
    );
    expect(await page.locator("article.minutes").textContent()).not.toContain(EMAIL);
    await screen(page, IPAD, "04-minutes");
    await tap(page.getByRole("link", { name: t("conferences.nav") }));
    await screen(page, IPAD, "05-list");
    await page.context().close();

    // The parquet's representative: another organisation, invited.
    const partner = await signIn("Sophie (parquet de Liège)");
    await visible(partner.getByRole("heading", { name: t("conferences.mineTitle"), level: 1 }));
    await visible(partner.getByRole("link", { name: "Concertation Seraing" }));
    await screen(partner, IPAD, "06-partner-conferences");
    await tap(partner.getByRole("link", { name: "Concertation Seraing" }));
    await visible(partner.getByText(SUMMARY));
    const shown = await partner.locator("main").textContent();
    expect(shown).not.toContain(EMAIL);
    expect(shown).not.toContain("Nadia");
    await expect(partner.getByRole("link", { name: t("conferences.decisionsTitle") }).count()).resolves.toBe(
      0,
    );
    await screen(partner, IPAD, "07-partner-agenda");
    await tap(partner.getByRole("navigation").getByRole("link", { name: t("conferences.navItems") }));
    await visible(partner.getByText(QUESTION));
    await screen(partner, IPAD, "08-partner-items");
    await tap(partner.getByRole("navigation").getByRole("link", { name: t("conferences.navActions") }));
    await visible(partner.getByRole("heading", { name: "Communiquer la décision" }));
    await tap(
      partner.getByRole("button", {
        name: t("conferences.actionStatus", { action: "Communiquer la décision" }),
      }),
    );
    await tap(partner.getByRole("option", { name: t("conferences.status.done") }));
    await visible(partner.getByRole("button", { name: new RegExp(t("conferences.status.done")) }));
    await screen(partner, IPAD, "09-partner-actions");
    await expectNothingPersonal(partner);
    // The invite went to the parquet's address alone.
    const invites = live.stack.smtp.messages.filter((m) => m.envelope.to.includes(EMAIL));
    expect(invites.length).toBeGreaterThanOrEqual(1);
    await partner.context().close();
  });
});
