// The local resource directory in a real browser against the real stack: the coordinator finds
// the example CPAS by municipality and category and adds an entry through the form (a field error
// first), and a call-back worker, on a tablet, records "referred elsewhere" by picking that entry
// from the directory. In French with axe on every screen.
import { randomUUID } from "node:crypto";
import { mintToken } from "@relais/testing";
import { type Browser, type BrowserContext, devices, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, messages, press, type Run, screen, tick, visible } from "./browser.js";
import { type BrowserStack, startBrowserStack } from "./stack.js";

const DESK: Run = {
  name: "directory-fr",
  language: "fr",
  context: { viewport: { width: 1280, height: 900 } },
  axe: true,
};
const TABLET: Run = {
  name: "directory-ipad",
  language: "fr",
  context: { ...devices["iPad (gen 7)"] },
  axe: true,
};
const t = messages("fr");
const NEW_ENTRY = "Service d'aide aux victimes — test navigateur";

let stack: BrowserStack;
let browser: Browser;
let referralId = "";

beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
  // One referral of Seraing: the victim may be called at any time.
  const police = await mintToken({ role: "police", org: "org-dev", sub: "5277" });
  const response = await fetch(`${stack.urls.referrals}/v1/referrals`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${police}`,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: JSON.stringify({
      policeZone: "5277 Seraing/Neupré",
      incidentReference: "LI.55.L1.DIR-1/26",
      incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
      kind: "partner",
      riskLevel: "high",
      childrenPresent: false,
      municipality: "Seraing",
      persons: [
        {
          role: "victim",
          consent: true,
          language: "fr",
          contact: { phone: "+32470333333" },
          preferences: { channels: ["phone"], voicemailAllowed: false },
        },
        { role: "author", consent: false, language: "fr", contact: {} },
      ],
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  referralId = ((await response.json()) as { id: string }).id;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(context: BrowserContext, run: Run, person: string): Promise<Page> {
  const touch = Boolean(run.context.hasTouch);
  const page = await context.newPage();
  await page.goto(`${stack.consoleUrl}/`);
  await press(page.getByRole("button", { name: "FR", exact: true }), touch);
  await press(page.getByRole("button", { name: t("signIn.as", { name: person }) }), touch);
  await visible(page.getByRole("button", { name: t("nav.signOut") }));
  return page;
}

describe("the resource directory", () => {
  it("lets the coordinator search it and add an entry, then a worker pick it for an outcome", async () => {
    const desk = await browser.newContext({ ...DESK.context, locale: "fr-BE" });
    const page = await signIn(desk, DESK, "Coordinator");
    await press(page.getByRole("link", { name: t("directory.nav") }), false);
    await visible(page.getByRole("heading", { name: t("directory.title"), level: 1 }));
    // The shipped examples, each marked as one.
    const results = page.getByRole("list").filter({ has: page.getByRole("heading", { level: 3 }) });
    await visible(results.getByRole("heading", { name: /Exemple — CPAS de Seraing \(exemple\)/ }));
    await page.getByRole("searchbox", { name: t("directory.filter.municipality") }).fill("seraing");
    await press(page.getByRole("button", { name: new RegExp(t("directory.filter.category")) }), false);
    await press(page.getByRole("option", { name: t("directory.category.cpas") }), false);
    await visible(page.getByText("1 service partenaire"));
    const cpas = results.getByRole("listitem");
    expect(await cpas.count()).toBe(1);
    await visible(cpas.getByText(t("directory.example"), { exact: true }));
    await visible(cpas.getByRole("link", { name: /cpas-seraing@example\.org/ }));
    await screen(page, DESK, "01-search-seraing-cpas");

    // A new entry: a website that is not one is refused on its field, then saved.
    await press(page.getByRole("button", { name: t("directory.add") }), false);
    const form = page.getByRole("form", { name: t("directory.form.newTitle") });
    await form.getByRole("textbox", { name: t("directory.form.name") }).fill(NEW_ENTRY);
    await form.getByRole("textbox", { name: t("directory.form.municipalities") }).fill("Seraing, Neupré");
    await form
      .getByRole("textbox", { name: t("directory.form.howToRefer") })
      .fill("Par téléphone, avec l'accord de la personne.");
    await visible(form.getByText(t("directory.form.contactWarning")));
    await form.getByRole("textbox", { name: t("directory.form.website") }).fill("pas un site");
    await press(form.getByRole("button", { name: t("directory.form.save") }), false);
    await visible(form.getByText(t("directory.form.fix")));
    expect(
      await form.getByRole("textbox", { name: t("directory.form.website") }).getAttribute("aria-invalid"),
    ).toBe("true");
    await screen(page, DESK, "02-form-field-error");
    await form
      .getByRole("textbox", { name: t("directory.form.website") })
      .fill("https://aide-victimes.example.org");
    await press(form.getByRole("button", { name: t("directory.form.save") }), false);
    await visible(page.getByText(t("directory.saved", { name: NEW_ENTRY })));
    await screen(page, DESK, "03-entry-saved");
    await desk.close();

    // On a tablet, the victim team's worker reaches the person and refers her to the new entry.
    const tablet = await browser.newContext({ ...TABLET.context, locale: "fr-BE" });
    const worker = await signIn(tablet, TABLET, "Camille (victim support)");
    await press(worker.getByRole("button", { name: t("queue.claimLabel", { n: 1 }) }), true);
    await tick(worker.getByRole("radio", { name: t("attemptOutcome.reached") }));
    await press(worker.getByRole("button", { name: t("attempt.submit") }), true);
    await visible(worker.getByText(t("task.reached")));
    await tick(worker.getByRole("radio", { name: t("outcome.referredElsewhere") }));
    await worker.getByRole("searchbox", { name: t("directory.filter.municipality") }).fill("Neupré");
    await visible(worker.getByRole("radio", { name: new RegExp(NEW_ENTRY) }));
    await tick(worker.getByRole("radio", { name: new RegExp(NEW_ENTRY) }));
    await screen(worker, TABLET, "04-outcome-picks-partner");
    await press(worker.getByRole("button", { name: t("outcome.submit") }), true);
    await visible(worker.getByText(t("task.closedAs", { outcome: t("taskOutcome.referred_elsewhere") })));
    await screen(worker, TABLET, "05-closed-referred");
    await tablet.close();

    // The outcome names the entry.
    const coordinator = await mintToken({ role: "coordinator", org: "org-dev", sub: "check" });
    const detail = (await (
      await fetch(`${stack.urls.referrals}/v1/referrals/${referralId}`, {
        headers: { authorization: `Bearer ${coordinator}` },
      })
    ).json()) as {
      persons: { role: string; task: { outcomeDetail: { to: string; partnerId: string } } | null }[];
    };
    const victim = detail.persons.find((p) => p.role === "victim");
    expect(victim?.task?.outcomeDetail.to).toBe(NEW_ENTRY);
    expect(victim?.task?.outcomeDetail.partnerId).toMatch(/^ptn_/);
  });
});
