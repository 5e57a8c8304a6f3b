// The local resource directory in a real browser against the real stack: the coordinator finds
// the example CPAS by municipality and category and adds an entry through the form (a field error
// first), and a call-back worker, on a tablet, records "referred elsewhere" by picking that entry
// from the directory. In French with axe on every screen.
import { mintToken, policeReferral } from "@relais/testing";
import { devices } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { frenchRun, messages, press, SCREENS, screen, tick, useBrowserStack, visible } from "./browser.js";
import { fileAsPolice, phoneVictim } from "./stack.js";

const DESK = frenchRun("directory-fr", SCREENS.desk);
const TABLET = frenchRun("directory-ipad", devices["iPad (gen 7)"]);
const t = messages("fr");
const NEW_ENTRY = "Service d'aide aux victimes — test navigateur";

const live = useBrowserStack();
let referralId = "";

beforeAll(async () => {
  // One referral of Seraing: the victim may be called at any time.
  referralId = await fileAsPolice(
    live.stack,
    policeReferral({
      incidentReference: "LI.55.L1.DIR-1/26",
      incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
      childrenPresent: false,
      persons: [phoneVictim("+32470333333"), { role: "author", consent: false, language: "fr", contact: {} }],
    }),
  );
});
const signIn = live.signIn;

describe("the resource directory", () => {
  it("lets the coordinator search it and add an entry, then a worker pick it for an outcome", async () => {
    const desk = await live.browser.newContext({ ...DESK.context, locale: "fr-BE" });
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
    await visible(form.getByText(t("field.invalid_url")));
    expect(
      await form.getByRole("textbox", { name: t("directory.form.website") }).getAttribute("aria-invalid"),
    ).toBe("true");
    await screen(page, DESK, "02-form-field-error");
    await form
      .getByRole("textbox", { name: t("directory.form.website") })
      .fill("https://aide-victimes.example.org");
    // The message goes as the coordinator types, before the field loses focus: gone only on blur,
    // it would move the Save button under the press meant for it.
    expect(await form.getByText(t("field.invalid_url")).count()).toBe(0);
    await press(form.getByRole("button", { name: t("directory.form.save") }), false);
    await visible(page.getByText(t("directory.saved", { name: NEW_ENTRY })));
    await screen(page, DESK, "03-entry-saved");
    await desk.close();

    // On a tablet, the victim team's worker reaches the person and refers her to the new entry.
    const tablet = await live.browser.newContext({ ...TABLET.context, locale: "fr-BE" });
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
      await fetch(`${live.stack.urls.referrals}/v1/referrals/${referralId}`, {
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
