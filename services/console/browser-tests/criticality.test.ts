// The criticality grid in a real browser against the real stack (issue 17): a victim-team worker
// fills the example grid on a claimed task, sees the score and level before saving, saves a raised
// level and sees the new deadline and the history; the coordinator sees the escalation, the grid
// versions, and publishes a new version as JSON. In French with axe on every screen.
import { randomUUID } from "node:crypto";
import { mintToken, policeReferral } from "@relais/testing";
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  frenchRun,
  messages,
  press,
  SCREENS,
  screen,
  screenshotOnly,
  tick,
  useBrowserStack,
  visible,
} from "./browser.js";
import { phoneVictim } from "./stack.js";

const FR = frenchRun("crit-fr", SCREENS.desk);
const FR_STATE = screenshotOnly(FR);
const t = messages("fr");

const live = useBrowserStack();
const signIn = (context: BrowserContext, person: string) => live.signIn(context, FR, person);

/** Files a low-risk referral for a victim with no safe window, as the police's records system would. */
async function fileReferral(context: BrowserContext) {
  const headers = { Origin: live.stack.consoleUrl };
  const signedIn = await context.request.post(`${live.stack.consoleUrl}/auth/dev/sign-in`, {
    headers,
    data: { org: "org-dev", name: "Officer Dubois", roles: ["police"], teams: [], zone: "5277" },
  });
  expect(signedIn.status()).toBe(201);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const filed = await context.request.post(`${live.stack.consoleUrl}/api/referrals/v1/referrals`, {
    headers: { ...headers, "X-CSRF-Token": csrfToken, "Idempotency-Key": randomUUID() },
    data: policeReferral({
      policeZone: "5277",
      incidentReference: `LI.55.L1.G${Date.now() % 100000}/26`,
      incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
      riskLevel: "low",
      childrenPresent: false,
      persons: [phoneVictim("+32470444444", "Amélie Testeuse")],
    }),
  });
  expect(filed.status()).toBe(201);
}

describe("the criticality grid", () => {
  it("is filled on a call-back task, raises the risk, and its versions are published by the coordinator", async () => {
    const police = await live.browser.newContext();
    await fileReferral(police);
    await police.close();

    const context = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const page = await signIn(context, "Camille (victim support)");
    await page.getByRole("button", { name: t("queue.claimLabel", { n: 1 }) }).click();
    const section = page.getByRole("region", { name: t("criticality.title") });
    await visible(section.getByText(t("criticality.historyEmpty")));
    await press(section.getByRole("button", { name: t("criticality.fill") }), false);

    // Threats to kill, strangulation and a weapon: 4 + 5 + 3 = 12 of 23, high from 12.
    const answer = async (question: string, option: string) =>
      tick(section.getByRole("radiogroup", { name: question }).getByRole("radio", { name: option }));
    for (const q of ["threats_to_kill", "strangulation", "weapon"]) await answer(QUESTIONS[q]!, "Oui");
    for (const q of ["escalation", "separation", "children_exposed"]) await answer(QUESTIONS[q]!, "Non");
    const score = section.locator("output");
    await visible(score.getByText(t("criticality.score", { score: 12, max: 23 })));
    expect(await score.textContent()).toContain(t("criticality.level.high"));
    // Large touch targets: every answer is at least 44 px high.
    const boxes = await section
      .locator(".radio")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(boxes.length).toBe(21);
    expect(Math.min(...boxes)).toBeGreaterThanOrEqual(44);
    await screen(page, FR, "g01-grid-form");

    await press(section.getByRole("button", { name: t("criticality.save") }), false);
    const saved = section
      .getByRole("status")
      .filter({ hasText: t("criticality.savedScore", { score: 12, level: t("criticality.level.high") }) });
    await visible(saved);
    expect(await saved.textContent()).toContain("rappeler avant le");
    const history = section.getByRole("table", { name: t("criticality.history") });
    await visible(history);
    expect(await history.getByRole("row").count()).toBe(2);
    expect(await history.textContent()).toContain(t("criticality.source.callback"));
    await screen(page, FR, "g02-grid-saved");
    await context.close();

    // The coordinator: the raised task among the escalations, then the grid versions.
    const coordination = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const coordinator = await signIn(coordination, "Coordinator");
    await coordinator.getByRole("link", { name: t("nav.coordination") }).click();
    const nav = coordinator.getByRole("navigation", { name: t("oversight.navLabel") });
    await nav.getByRole("link", { name: t("escalations.title") }).click();
    await visible(coordinator.getByText(t("criticality.escalationRaised")));
    await screen(coordinator, FR, "g03-escalation-raised");

    await nav.getByRole("link", { name: t("criticality.grids.nav") }).click();
    await visible(coordinator.getByRole("heading", { name: t("criticality.grids.title") }));
    await visible(coordinator.getByText(/EXAMPLE grid/).first());
    await visible(coordinator.getByText(t("criticality.grids.thresholds", { medium: 5, high: 12, max: 23 })));
    await screen(coordinator, FR, "g04-grid-versions");

    await coordinator.getByRole("button", { name: t("criticality.grids.publish") }).click();
    const json = coordinator.getByRole("textbox", { name: t("criticality.grids.json") });
    const definition = JSON.parse(await json.inputValue()) as { title: string; thresholds: { high: number } };
    // A threshold out of reach is refused, naming the field.
    await json.fill(JSON.stringify({ ...definition, thresholds: { medium: 5, high: 99 } }));
    await coordinator
      .getByRole("button", { name: t("criticality.grids.publishSubmit"), exact: true })
      .click();
    // Named in words as well as by its place in the JSON the coordinator edits.
    const where = t("criticality.grids.field.path", {
      label: `${t("criticality.grids.field.thresholds")} · ${t("criticality.grids.field.high")}`,
      path: "thresholds.high",
    });
    await visible(coordinator.getByRole("alert").getByText(where));
    await screen(coordinator, FR_STATE, "g05-grid-refused");
    await json.fill(JSON.stringify({ ...definition, title: "Grille du projet Seraing 2027" }));
    await coordinator
      .getByRole("button", { name: t("criticality.grids.publishSubmit"), exact: true })
      .click();
    await visible(coordinator.getByText(t("criticality.grids.published", { version: 2 })));
    const versions = coordinator.getByRole("table", { name: t("criticality.grids.versions") });
    await visible(versions.getByText("Grille du projet Seraing 2027"));
    expect(await versions.getByRole("row").count()).toBe(3);
    await screen(coordinator, FR_STATE, "g06-grid-published");

    // Nothing personal in the address or the title.
    expect(coordinator.url()).not.toMatch(/Amélie|32470/);
    expect(await coordinator.title()).toBe("Relais");
    await coordination.close();
  });
});

describe("the criticality grid at intake", () => {
  it("is answered by the police on the intake form, raises the tasks, and shows them no score", async () => {
    const context = await live.browser.newContext({ ...FR.context, locale: "fr-BE" });
    const officer = await signIn(context, "Officer Dubois");
    await officer
      .getByRole("link", { name: t("nav.newReferral") })
      .first()
      .click();
    await visible(officer.getByRole("heading", { name: t("intake.title") }));
    const reference = `LI.55.L1.GRID${Date.now() % 100000}/26`;
    await officer.getByRole("textbox", { name: t("intake.incidentReference") }).fill(reference);
    await officer.getByRole("combobox", { name: t("intake.municipality") }).fill("Seraing");
    await officer.getByRole("combobox", { name: t("intake.municipality") }).press("Escape");
    await tick(officer.getByRole("radio", { name: t("risk.low") }));
    const victim = officer.getByRole("group", {
      name: t("intake.person", { n: 1, role: t("personRole.victim") }),
    });
    await tick(victim.getByRole("checkbox", { name: t("intake.consent") }));
    await victim.getByRole("textbox", { name: t("intake.phone") }).fill("+32470555555");
    await officer
      .getByRole("group", { name: t("intake.person", { n: 2, role: t("personRole.author") }) })
      .getByRole("button", { name: t("intake.removePerson", { n: 2 }) })
      .click();

    const grid = officer.getByRole("group", { name: t("criticality.title") });
    await tick(grid.getByRole("checkbox", { name: t("criticality.intake.toggle") }));
    const answer = async (question: string, option: string) =>
      tick(grid.getByRole("radiogroup", { name: question }).getByRole("radio", { name: option }));
    // One required answer left out: the service names that question, and the form shows it there.
    for (const q of ["threats_to_kill", "strangulation", "weapon"]) await answer(QUESTIONS[q]!, "Oui");
    for (const q of ["escalation", "separation"]) await answer(QUESTIONS[q]!, "Non");
    await officer.getByRole("button", { name: t("intake.submit") }).click();
    const unanswered = grid.getByRole("radiogroup", { name: QUESTIONS.children_exposed! });
    await visible(officer.getByRole("alert").first());
    expect(await unanswered.getAttribute("aria-invalid")).toBe("true");
    // The officer reads questions, never a score or a level.
    expect(await grid.textContent()).not.toMatch(/Score|Risque élevé/);
    await screen(officer, FR, "g07-intake-grid-refused");
    await answer(QUESTIONS.children_exposed!, "Non");
    await officer.getByRole("button", { name: t("intake.submit") }).click();
    await visible(officer.getByText(t("intake.filed")));
    expect(await officer.getByRole("main").textContent()).not.toMatch(/Score|12|Risque élevé/);
    await screen(officer, FR_STATE, "g08-intake-grid-filed");
    await context.close();

    // The call-back task took the grid's level, and the person's history has the police's answers.
    const get = async <T>(path: string, token: string) =>
      (await (
        await fetch(`${live.stack.urls.referrals}${path}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as T;
    const police = await mintToken({
      role: "police",
      org: "org-dev",
      sub: "officer",
      claims: { zone: "5277" },
    });
    const zone = await get<{ items: Array<{ id: string; incidentReference: string }> }>(
      "/v1/referrals",
      police,
    );
    const filed = zone.items.find((r) => r.incidentReference === reference);
    expect(filed).toBeDefined();
    const coordinator = await mintToken({ role: "coordinator", org: "org-dev", sub: "dev-coordinator" });
    const queue = await get<{ items: Array<{ id: string; riskLevel: string; referralId: string }> }>(
      "/v1/callbacks",
      coordinator,
    );
    const task = queue.items.find((item) => item.referralId === filed?.id);
    expect(task?.riskLevel).toBe("high");
    const history = await get<{ items: Array<{ source: string; score: number; riskLevel: string }> }>(
      `/v1/callbacks/${task?.id}/assessments`,
      coordinator,
    );
    expect(history.items).toEqual([
      expect.objectContaining({ source: "intake", score: 12, riskLevel: "high" }),
    ]);
  });
});

/** The example grid's questions as a French speaker reads them (src/db/criticality-grid-example.ts). */
const QUESTIONS: Record<string, string> = {
  threats_to_kill: "Y a-t-il eu des menaces de mort ?",
  strangulation: "Y a-t-il eu une tentative d'étranglement ou d'étouffement ?",
  weapon: "L'auteur a-t-il accès à une arme ?",
  escalation: "Les violences sont-elles plus fréquentes ou plus graves ces derniers temps ?",
  separation: "Une séparation est-elle récente ou en cours ?",
  children_exposed: "Des enfants sont-ils exposés aux violences ?",
};
