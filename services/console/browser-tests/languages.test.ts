// The console's screens in Dutch and English (the police's zone list, the intake form, the
// call-back queue), and the safety screens in French with axe: the curtain, sign-out, the idle
// timeout, and a control that proves the axe check can fail. The whole jobs: flows.test.ts.
import { policeReferral } from "@relais/testing";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { messages, press, type Run, screen, selectedRuns, useBrowserStack, visible } from "./browser.js";

const RUNS = selectedRuns([
  { name: "nl", language: "nl", context: { viewport: { width: 1280, height: 900 } }, axe: false },
  { name: "en", language: "en", context: { viewport: { width: 1280, height: 900 } }, axe: false },
]);
const only = process.env.BROWSER_RUNS?.split(",");

const live = useBrowserStack();
const signIn = live.signIn;

// The whole jobs in French (with axe) and on an iPad; Dutch and English show the same screens'
// texts (catalogue ids are type-checked against en.json, so a missing one cannot ship), at a
// fraction of the time: CI's whole run must stay under twelve minutes.
describe.each(RUNS)("the console in $name", (run) => {
  const t = messages(run.language);
  it("shows the police's zone list, the intake form and the call-back queue in its language", async () => {
    const police = await live.browser.newContext({ ...run.context, locale: run.language });
    const officer = await signIn(police, run, "Officer Dubois");
    await visible(officer.getByRole("heading", { name: t("zone.title") }));
    await screen(officer, run, "05-zone-referrals");
    await press(officer.getByRole("link", { name: t("nav.newReferral") }).first(), false);
    await visible(officer.getByRole("heading", { name: t("intake.title") }));
    await visible(officer.getByRole("textbox", { name: t("intake.incidentReference") }));
    await screen(officer, run, "02-new-referral");
    await police.close();
    const team = await live.browser.newContext({ ...run.context, locale: run.language });
    const worker = await signIn(team, run, "Camille (victim support)");
    await visible(worker.getByRole("heading", { name: t("queue.title") }));
    await screen(worker, run, "06-queue-victim");
    await team.close();
  });
});

describe.runIf(!only || only.includes("switch"))("switching language", () => {
  it("fetches the other language's catalogue on a switch, and the session keeps the choice", async () => {
    const [fr, nl, en] = [messages("fr"), messages("nl"), messages("en")];
    const context = await live.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "fr-BE",
    });
    const page = await context.newPage();
    // Only the catalogue of the language read is fetched at start (load-catalogue.ts).
    const catalogues: string[] = [];
    page.on("request", (request) => {
      const name = /\/assets\/catalogue-([a-z]{2})-/.exec(request.url())?.[1];
      if (name) catalogues.push(name);
    });
    await page.goto(`${live.stack.consoleUrl}/`);
    await visible(page.getByRole("heading", { name: fr("signIn.devTitle") }));
    expect(new Set(catalogues)).toEqual(new Set(["fr"]));
    await page.getByRole("button", { name: "NL", exact: true }).click();
    await visible(page.getByRole("heading", { name: nl("signIn.devTitle") }));
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    await page.getByRole("button", { name: nl("signIn.as", { name: "Officer Dubois" }) }).click();
    await visible(page.getByRole("heading", { name: nl("zone.title") }));
    await page.reload();
    await visible(page.getByRole("heading", { name: nl("zone.title") }));
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await visible(page.getByRole("heading", { name: en("zone.title") }));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });
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
    const referral = policeReferral({
      policeZone: "5277",
      incidentReference: "LI.55.L1.SAFETY/26",
      incidentAt: new Date().toISOString(),
      childrenPresent: false,
      persons: [
        {
          role: "victim",
          displayName: "Chloé Curtain",
          consent: true,
          language: "fr",
          contact: { phone: PHONE },
        },
      ],
    });
    const status = await officer.evaluate(async (body) => {
      const session = (await (await fetch("/auth/session")).json()) as { csrfToken: string };
      const response = await fetch("/api/referrals/v1/referrals", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": session.csrfToken,
          "Idempotency-Key": crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
      return response.status;
    }, referral);
    expect(status).toBe(201);
  }

  it("covers the screen on Shift×3, and after sign-out Back shows nothing personal", async () => {
    const police = await live.browser.newContext(run.context);
    await fileThroughApi(await signIn(police, run, "Officer Dubois"));
    await police.close();

    const context = await live.browser.newContext(run.context);
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
    const context = await live.browser.newContext(run.context);
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
    const context = await live.browser.newContext(run.context);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${live.stack.consoleUrl}/`);
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
