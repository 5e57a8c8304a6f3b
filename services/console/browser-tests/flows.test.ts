// The two jobs of the console, done in a real browser against the real stack, as people do them:
// a police officer files a referral and follows its feedback; a victim-team and an author-team
// worker each call their person back and record the outcome. In French (with axe on every
// screen), Dutch, English, and once on an iPad with touch.
import { type Browser, type BrowserContext, devices, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, messages, press, type Run, screen, tick, visible } from "./browser.js";
import { type BrowserStack, startBrowserStack } from "./stack.js";

const ALL_RUNS: Run[] = [
  { name: "fr", language: "fr", context: { viewport: { width: 1280, height: 900 } }, axe: true },
  { name: "nl", language: "nl", context: { viewport: { width: 1280, height: 900 } }, axe: false },
  { name: "en", language: "en", context: { viewport: { width: 1280, height: 900 } }, axe: false },
  { name: "ipad", language: "fr", context: { ...devices["iPad (gen 7)"] }, axe: false },
];
// BROWSER_RUNS=fr,ipad runs some of them (while working on a screen).
const only = process.env.BROWSER_RUNS?.split(",");
const RUNS = only ? ALL_RUNS.filter((r) => only.includes(r.name)) : ALL_RUNS;

const VICTIM_PHONE = "+32470111111";
const AUTHOR_PHONE = "+32470222222";

let stack: BrowserStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(context: BrowserContext, run: Run, person: string): Promise<Page> {
  const t = messages(run.language);
  const touch = Boolean(run.context.hasTouch);
  const page = await context.newPage();
  await page.goto(`${stack.consoleUrl}/`);
  await visible(page.getByRole("button", { name: "NL", exact: true }));
  // The language a person picks before signing in is the one the session keeps.
  await press(page.getByRole("button", { name: run.language.toUpperCase(), exact: true }), touch);
  await visible(page.getByRole("heading", { name: t("signIn.devTitle") }));
  await press(page.getByRole("button", { name: t("signIn.as", { name: person }) }), touch);
  await visible(page.getByRole("button", { name: t("nav.signOut") }));
  expect(await page.title()).toBe("Relais");
  return page;
}

// The whole jobs in French (with axe) and on an iPad; Dutch and English show the same screens'
// texts (catalogue ids are type-checked against en.json, so a missing one cannot ship), at a
// fraction of the time: CI's whole run must stay under twelve minutes.
describe.each(RUNS.filter((r) => r.language !== "fr"))("the console in $name", (run) => {
  const t = messages(run.language);
  it("shows the police's zone list, the intake form and the call-back queue in its language", async () => {
    const police = await browser.newContext({ ...run.context, locale: run.language });
    const officer = await signIn(police, run, "Officer Dubois");
    await visible(officer.getByRole("heading", { name: t("zone.title") }));
    await screen(officer, run, "05-zone-referrals");
    await press(officer.getByRole("link", { name: t("nav.newReferral") }).first(), false);
    await visible(officer.getByRole("heading", { name: t("intake.title") }));
    await visible(officer.getByRole("textbox", { name: t("intake.incidentReference") }));
    await screen(officer, run, "02-new-referral");
    await police.close();
    const team = await browser.newContext({ ...run.context, locale: run.language });
    const worker = await signIn(team, run, "Camille (victim support)");
    await visible(worker.getByRole("heading", { name: t("queue.title") }));
    await screen(worker, run, "06-queue-victim");
    await team.close();
  });
});

describe.each(RUNS.filter((r) => r.language === "fr"))("the console, run $name", (run) => {
  const t = messages(run.language);
  const touch = Boolean(run.context.hasTouch);
  const reference = `LI.55.L1.${run.name.toUpperCase()}-${Date.now() % 100000}/26`;

  it("police file a referral, with a field error on its field, and follow it to in support", async () => {
    const police = await browser.newContext({ ...run.context, locale: run.language });
    const page = await police.newPage();
    await page.goto(`${stack.consoleUrl}/`);
    await visible(page.getByRole("button", { name: "NL", exact: true }));
    await screen(page, run, "01-sign-in");
    await page.close();
    const officer = await signIn(police, run, "Officer Dubois");
    await visible(officer.getByRole("heading", { name: t("zone.title") }));
    await press(officer.getByRole("link", { name: t("nav.newReferral") }).first(), touch);
    await visible(officer.getByRole("heading", { name: t("intake.title") }));
    await screen(officer, run, "02-new-referral");

    await officer.getByRole("textbox", { name: t("intake.incidentReference") }).fill(reference);
    const municipality = officer.getByRole("combobox", { name: t("intake.municipality") });
    if (touch) {
      // The on-screen keyboard types the whole name; its suggestion list closes as a keyboard would.
      await municipality.fill("Seraing");
      await municipality.press("Escape");
    } else {
      // The routing table's names come as suggestions.
      await municipality.fill("Serai");
      await press(officer.getByRole("option", { name: "Seraing" }), touch);
    }
    await tick(officer.getByRole("radio", { name: t("risk.high") }));
    await tick(officer.getByRole("checkbox", { name: t("intake.childrenPresent") }));
    const victim = officer.getByRole("group", {
      name: t("intake.person", { n: 1, role: t("personRole.victim") }),
    });
    await victim.getByRole("textbox", { name: t("intake.displayName") }).fill("Amélie Testeuse");
    await tick(victim.getByRole("checkbox", { name: t("intake.consent") }));
    // A national number, not E.164: the service names the field and the console shows it there.
    await victim.getByRole("textbox", { name: t("intake.phone") }).fill("0470 11 11 11");
    const author = officer.getByRole("group", {
      name: t("intake.person", { n: 2, role: t("personRole.author") }),
    });
    await author.getByRole("textbox", { name: t("intake.displayName") }).fill("Bernard Testeur");
    await tick(author.getByRole("checkbox", { name: t("intake.consent") }));
    await author.getByRole("textbox", { name: t("intake.phone") }).fill(AUTHOR_PHONE);
    await tick(author.getByRole("checkbox", { name: t("intake.voicemail") }));
    // A double click files once: the button waits, and both requests carry the same key.
    const submit = officer.getByRole("button", { name: t("intake.submit") });
    if (touch) await submit.tap();
    else await submit.dblclick();
    const phone = victim.getByRole("textbox", { name: t("intake.phone") });
    await visible(victim.getByText("E.164"));
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    await screen(officer, run, "03-new-referral-field-error");

    await phone.fill(VICTIM_PHONE);
    if (touch) await submit.tap();
    else await submit.dblclick();
    await visible(officer.getByText(t("intake.filed")));
    await screen(officer, run, "04-referral-filed");
    await press(officer.getByRole("main").getByRole("link", { name: t("nav.zoneReferrals") }), touch);
    const row = officer.getByRole("row").filter({ hasText: reference });
    await visible(row);
    expect(await officer.getByRole("row").filter({ hasText: reference }).count()).toBe(1);
    await visible(row.getByText(t("status.received"), { exact: true }));
    const listText = await officer.getByRole("main").innerText();
    expect(listText).not.toContain("Amélie");
    expect(listText).not.toContain(VICTIM_PHONE);
    await screen(officer, run, "05-zone-referrals-received");

    await workTask(run, "Camille (victim support)", "victim", VICTIM_PHONE);
    await workTask(run, "Jan (author intake)", "author", AUTHOR_PHONE);

    await press(officer.getByRole("button", { name: t("common.refresh") }), touch);
    await visible(row.getByText(t("status.in_support"), { exact: true }));
    await screen(officer, run, "12-zone-referrals-in-support");
    await police.close();
  });

  async function workTask(run: Run, person: string, role: "victim" | "author", phone: string) {
    const context = await browser.newContext({ ...run.context, locale: run.language });
    const page = await signIn(context, run, person);
    const step = role === "victim" ? "06" : "09";
    await visible(page.getByRole("heading", { name: t("queue.title") }));
    // The team's own task only: the victim team never sees the author's, and the other way round.
    const queue = page.getByRole("list", { name: t("queue.title") });
    await visible(queue);
    expect(await queue.getByRole("listitem").count()).toBe(1);
    await visible(queue.getByRole("heading", { name: `1. ${t(`personRole.${role}`)}` }));
    await screen(page, run, `${step}-queue-${role}`);
    await press(page.getByRole("button", { name: t("queue.claimLabel", { n: 1 }) }), touch);

    await visible(page.getByRole("link", { name: phone }));
    expect(await page.getByRole("link", { name: phone }).getAttribute("href")).toBe(`tel:${phone}`);
    const voicemail = page.getByRole("radio", { name: new RegExp(t("attemptOutcome.voicemail_left")) });
    if (role === "victim") {
      await visible(page.getByText(t("card.voicemailForbidden"), { exact: true }));
      expect(await voicemail.isDisabled()).toBe(true);
    } else {
      await visible(page.getByText(t("card.voicemailAllowed"), { exact: true }));
      expect(await voicemail.isDisabled()).toBe(false);
    }
    await visible(page.getByText(t("card.withholdCallerId")));
    await screen(page, run, `${step}-contact-card-${role}`);

    await tick(page.getByRole("radio", { name: t("attemptOutcome.no_answer") }));
    await press(page.getByRole("button", { name: t("attempt.submit") }), touch);
    await visible(page.getByText(t("task.nextDue", { at: "" }).trim()));
    await screen(page, run, `${step}-attempt-no-answer-${role}`);
    await press(page.getByRole("button", { name: t("task.claimAgain") }), touch);
    await tick(page.getByRole("radio", { name: t("attemptOutcome.reached") }));
    await press(page.getByRole("button", { name: t("attempt.submit") }), touch);
    await visible(page.getByText(t("task.reached")));

    await tick(page.getByRole("radio", { name: t("outcome.accepted") }));
    await tick(page.getByRole("checkbox", { name: t("outcome.askGroup") }));
    if (role === "author") {
      // The author's place is in a perpetrator programme, with its mandate.
      await page.getByRole("textbox", { name: t("outcome.authority") }).fill("Maison de justice de Liège");
      await page.getByRole("textbox", { name: t("outcome.authorityEmail") }).fill("mj.liege@example.org");
      await page.getByRole("textbox", { name: t("outcome.caseReference") }).fill("MJ/2026/0042");
      await page.getByLabel(t("outcome.deadline")).fill("2027-06-30");
    }
    await screen(page, run, `${step}-outcome-${role}`);
    await press(page.getByRole("button", { name: t("outcome.submit") }), touch);
    await visible(page.getByText(t("task.closedAs", { outcome: t("taskOutcome.accepted") })));
    await screen(page, run, `${step}-closed-${role}`);
    await context.close();
  }
});

describe.runIf(!only || only.includes("safety"))("safety in the browser", () => {
  const run: Run = {
    name: "safety",
    language: "fr",
    context: { viewport: { width: 1280, height: 900 }, locale: "fr-BE" },
    axe: true,
  };
  const t = messages("fr");
  const PHONE = "+32470333333";

  /** Files a referral through the console's API as the signed-in officer, as the form would. */
  async function fileThroughApi(officer: Page) {
    const status = await officer.evaluate(async (phone) => {
      const session = (await (await fetch("/auth/session")).json()) as { csrfToken: string };
      const response = await fetch("/api/referrals/v1/referrals", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": session.csrfToken,
          "Idempotency-Key": crypto.randomUUID(),
        },
        body: JSON.stringify({
          policeZone: "5277",
          incidentReference: "LI.55.L1.SAFETY/26",
          incidentAt: new Date().toISOString(),
          kind: "partner",
          riskLevel: "high",
          childrenPresent: false,
          municipality: "Seraing",
          persons: [
            {
              role: "victim",
              displayName: "Chloé Curtain",
              consent: true,
              language: "fr",
              contact: { phone },
            },
          ],
        }),
      });
      return response.status;
    }, PHONE);
    expect(status).toBe(201);
  }

  it("covers the screen on Shift×3, and after sign-out Back shows nothing personal", async () => {
    const police = await browser.newContext(run.context);
    await fileThroughApi(await signIn(police, run, "Officer Dubois"));
    await police.close();

    const context = await browser.newContext(run.context);
    const page = await signIn(context, run, "Camille (victim support)");
    await page.getByRole("button", { name: t("queue.claimLabel", { n: 1 }) }).click();
    const phone = page.getByRole("link", { name: PHONE });
    await visible(phone);

    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await visible(page.getByRole("dialog", { name: t("curtain.label") }));
    expect(await phone.isVisible()).toBe(false);
    await screen(page, run, "curtain");
    await page.getByRole("button", { name: t("curtain.unlock") }).click();
    await visible(phone);
    await page.getByRole("button", { name: t("curtain.button") }).click();
    await visible(page.getByRole("dialog", { name: t("curtain.label") }));
    await page.getByRole("button", { name: t("curtain.unlock") }).click();

    // Nothing personal in the address, the title or the browser's storage.
    expect(page.url()).not.toContain("Chlo");
    expect(await page.title()).toBe("Relais");
    const stored = await page.evaluate(
      "JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })",
    );
    expect(stored).toBe("{}{}");

    await page.getByRole("button", { name: t("nav.signOut") }).click();
    await visible(page.getByText(t("signedOut.done")));
    await screen(page, run, "signed-out");
    await page.goBack();
    await visible(page.getByRole("heading", { name: t("signIn.devTitle") }));
    const content = await page.content();
    expect(content).not.toContain(PHONE);
    expect(content).not.toContain("Chloé");
    await context.close();
  });

  it("fails a screen axe finds a critical violation on (the check itself can fail)", async () => {
    const context = await browser.newContext(run.context);
    const page = await context.newPage();
    await page.setContent(
      '<!doctype html><html lang="fr"><head><title>Relais</title></head><body><main><h1>Contrôle</h1><input type="text"></main></body></html>',
    );
    const failure = await screen(page, run, "axe-control").then(
      () => undefined,
      (error: { message: string; actual?: unknown }) => error,
    );
    expect(failure?.message).toContain("axe on axe-control");
    expect(JSON.stringify(failure?.actual)).toContain("label");
    await context.close();
  });

  it("warns after 9 idle minutes and ends the session after 10 (a controlled clock)", async () => {
    const context = await browser.newContext(run.context);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${stack.consoleUrl}/`);
    await page.getByRole("button", { name: t("signIn.as", { name: "Camille (victim support)" }) }).click();
    await visible(page.getByRole("heading", { name: t("queue.title") }));
    await page.clock.fastForward("09:05");
    await visible(page.getByRole("alertdialog", { name: t("idle.title") }));
    await screen(page, run, "idle-warning");
    await page.clock.fastForward("01:00");
    await visible(page.getByText(t("signedOut.idle")));
    const session = await page.evaluate(async () => (await fetch("/auth/session")).json());
    expect(session).toMatchObject({ signedIn: false });
    await context.close();
  });
});
