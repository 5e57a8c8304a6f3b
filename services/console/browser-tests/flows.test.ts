// The two jobs of the console, done in a real browser against the real stack, as people do them:
// a police officer files a referral and follows its feedback; a victim-team and an author-team
// worker each call their person back and record the outcome. In French with axe on every screen,
// and once on an iPad with touch. (Dutch, English and the safety screens: languages.test.ts.)
import { devices } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  messages,
  press,
  type Run,
  screen,
  selectedRuns,
  tick,
  useBrowserStack,
  visible,
} from "./browser.js";

const RUNS = selectedRuns([
  { name: "fr", language: "fr", context: { viewport: { width: 1280, height: 900 } }, axe: true },
  { name: "ipad", language: "fr", context: { ...devices["iPad (gen 7)"] }, axe: false },
]);

const VICTIM_PHONE = "+32470111111";
const AUTHOR_PHONE = "+32470222222";

const live = useBrowserStack();
const signIn = live.signIn;

describe.each(RUNS)("the console, run $name", (run) => {
  const t = messages(run.language);
  const touch = Boolean(run.context.hasTouch);
  const reference = `LI.55.L1.${run.name.toUpperCase()}-${Date.now() % 100000}/26`;

  it("police file a referral, with a field error on its field, and follow it to in support", async () => {
    const police = await live.browser.newContext({ ...run.context, locale: run.language });
    const page = await police.newPage();
    await page.goto(`${live.stack.consoleUrl}/`);
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
    // A national number, not E.164: the service names the field and its rule (`invalid_phone`), and
    // the console says it there in the reader's language, not in the service's English.
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
    await visible(victim.getByText(t("field.invalid_phone")));
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    expect(await officer.getByRole("main").textContent()).not.toContain("E.164");
    // The alert names the field as the officer sees it, not by the service's path.
    const victimPhone = `${t("intake.person", { n: 1, role: t("personRole.victim") })} · ${t("intake.phone")}`;
    const alert = officer.getByRole("alert").filter({ hasText: t("intake.fix") });
    await visible(alert.getByText(victimPhone, { exact: false }));
    expect(await alert.textContent()).not.toContain("persons.0");
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
    const context = await live.browser.newContext({ ...run.context, locale: run.language });
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
