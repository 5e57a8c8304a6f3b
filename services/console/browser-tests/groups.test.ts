// The facilitators' and programme staff's console (issue 13), in a real browser against the real
// stack, on an iPad with touch: in French with axe on every screen (landscape, and portrait for
// attendance), then one screen each in Dutch and English. What a test needs that is not the
// screen under test is seeded through the services' own APIs, never their databases.
import { randomUUID } from "node:crypto";
import { mintToken, waitForValue } from "@relais/testing";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { frenchRun, messages, press, SCREENS, screen, tick, useBrowserStack, visible } from "./browser.js";

const FR = frenchRun("fr", SCREENS.ipadLandscape);
const PORTRAIT = frenchRun("fr-portrait", SCREENS.ipad);
const t = messages("fr");
const ORG = "org-dev";
const ANNE = { name: "Anne (facilitator)", sub: "dev-anne-facilitator", roles: ["facilitator"] };
const MARC = { name: "Marc (programme staff)", sub: "dev-marc-programme-staff", roles: ["programme_staff"] };

const live = useBrowserStack();

type Service = "groups" | "referrals" | "notifications";
interface Caller {
  sub: string;
  roles: string[];
  teams?: string[];
  zone?: string;
}

/** A call to a service as a person of the dev organisation, as the console would make it. */
async function api<T = Record<string, unknown>>(
  service: Service,
  method: string,
  path: string,
  caller: Caller,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const token = await mintToken({
    sub: caller.sub,
    roles: caller.roles as never,
    org: ORG,
    claims: { teams: caller.teams ?? [], ...(caller.zone ? { zone: caller.zone } : {}) },
  });
  const response = await fetch(`${live.stack.urls[service]}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(method === "POST" ? { "idempotency-key": randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

const signIn = (context: BrowserContext, person: string) => live.signIn(context, FR, person);

/** An ICU `{n, plural, … other {…}}` message for n > 1, as the person reads it. */
const plural = (message: string, n: number) =>
  message.replace(/\{n, plural,.*other \{([^}]*)\}\}/, (_all, other: string) =>
    other.replaceAll("#", String(n)),
  );
let anne: Page | undefined;
/** Anne stays signed in on the landscape iPad from one test to the next, as on a working day. */
async function anneOnTheIpad(): Promise<Page> {
  anne ??= await signIn(await live.browser.newContext(FR.context), ANNE.name);
  return anne;
}
const tap = (locator: ReturnType<Page["getByRole"]>) => press(locator, true);
const COORDINATOR: Caller = { sub: "dev-coordinator", roles: ["coordinator"] };
const VENUE = "Rue Féronstrée 10, 4000 Liège";
const mailTo = (address: string) =>
  live.stack.smtp.messages.filter((m) => m.envelope.to.includes(address)).map((m) => m.parsed.text ?? "");

const until = <T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> =>
  waitForValue(read, { timeoutMs, message: what });

/** Waits until the list a service answers at `path` (as `caller`) holds an item `match` accepts. */
async function untilListed<I>(
  [service, path, caller]: [Service, string, Caller],
  match: (item: I) => boolean,
  what: string,
): Promise<I> {
  return until(
    async () => (await api<{ items: I[] }>(service, "GET", path, caller)).body.items.find(match),
    what,
  );
}

/** Direct enrolments with an e-mail address each, as the group's facilitator. */
async function enrol(
  groupId: string,
  who: string,
  caller: Caller = ANNE,
  extra: Record<string, unknown> = {},
) {
  const response = await api<{ id: string; status: string }>(
    "groups",
    "POST",
    `/v1/groups/${groupId}/enrolments`,
    caller,
    {
      personRef: `prs_${who.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      displayName: who,
      contact: { email: `${who.toLowerCase()}@example.org` },
      preferences: { channels: ["email"] },
      ...extra,
    },
  );
  expect(response.status).toBe(201);
  return response.body;
}

async function createGroup(caller: Caller, overrides: Record<string, unknown>) {
  const response = await api<{ id: string }>("groups", "POST", "/v1/groups", caller, {
    kind: "victim_peer",
    publicName: "Atelier du jeudi",
    language: "fr",
    municipality: "Liège",
    location: { kind: "venue", address: "Place Saint-Lambert 1, 4000 Liège" },
    capacity: 6,
    admission: "rolling",
    facilitators: [{ sub: caller.sub }],
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2027-03-11T10:00",
      rrule: "FREQ=WEEKLY;BYDAY=TH;COUNT=4",
      durationMinutes: 90,
    },
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** A referral through police and the victim team's call-back to "accepted, wants a group". */
async function referForGroup(name: string): Promise<{ referralId: string }> {
  const police: Caller = { sub: "dev-officer", roles: ["police"], zone: "5277" };
  const filed = await api<{ id: string }>("referrals", "POST", "/v1/referrals", police, {
    policeZone: "5277",
    incidentReference: `LI.55.L1.${randomUUID().slice(0, 6)}/26`,
    incidentAt: new Date().toISOString(),
    kind: "partner",
    riskLevel: "medium",
    childrenPresent: false,
    municipality: "Seraing",
    persons: [
      {
        role: "victim",
        displayName: name,
        consent: true,
        language: "fr",
        contact: { email: "placed@example.org" },
      },
    ],
  });
  expect(filed.status).toBe(201);
  const worker: Caller = { sub: "dev-camille", roles: ["caseworker"], teams: ["vif-ment-fini-victims"] };
  const task = await untilListed<{ id: string; referralId: string }>(
    ["referrals", "/v1/callbacks?limit=100", worker],
    (item) => item.referralId === filed.body.id,
    "the call-back task",
  );
  expect((await api("referrals", "POST", `/v1/callbacks/${task.id}/claim`, worker)).status).toBe(200);
  const reached = await api("referrals", "POST", `/v1/callbacks/${task.id}/attempts`, worker, {
    channel: "phone",
    outcome: "reached",
  });
  expect(reached.status).toBeLessThan(300);
  const outcome = await api("referrals", "POST", `/v1/callbacks/${task.id}/outcome`, worker, {
    outcome: "accepted",
    group: { kind: "victim_peer" },
  });
  expect(outcome.status).toBeLessThan(300);
  return { referralId: filed.body.id };
}

describe("facilitators and programme staff on an iPad", () => {
  let groupId: string;
  const people: Record<string, { id: string }> = {};

  it("creates a weekly group across the spring DST change: preview and sessions keep 18:00", async () => {
    const page = await anneOnTheIpad();
    await visible(page.getByRole("heading", { name: t("groups.title") }));
    await screen(page, FR, "groups-01-my-groups-empty");
    await tap(page.getByRole("link", { name: t("groups.new") }));
    await visible(page.getByRole("heading", { name: t("groups.newTitle") }));

    const name = page.getByRole("textbox", { name: t("groups.publicName") });
    expect(await name.inputValue()).toBe(t("groups.defaultName"));
    await page.getByRole("textbox", { name: t("groups.municipality") }).fill("Liège");
    await page.getByRole("spinbutton", { name: t("groups.capacity") }).fill("3");
    await page.getByRole("textbox", { name: t("groups.address") }).fill("Rue Féronstrée 10, 4000 Liège");
    await tick(page.getByRole("radio", { name: t("groups.admission.rolling") }));
    // Tuesdays at 18:00 is the default; six of them from 9 March 2027 cross 28 March.
    await page.getByLabel(t("schedule.firstDate")).fill("2027-03-09");
    await page.getByLabel(t("schedule.startTime")).fill("18:00");
    await page.getByRole("spinbutton", { name: t("schedule.count") }).fill("6");

    // No seat at all: the service refuses, and the alert names the field by its label, in French.
    const capacity = page.getByRole("spinbutton", { name: t("groups.capacity") });
    await capacity.fill("0");
    await tap(page.getByRole("button", { name: t("groups.create") }));
    const alert = page.getByRole("alert").filter({ hasText: t("groups.fix") });
    await visible(
      alert.getByText(
        `${t("common.fieldLabel", { label: t("groups.capacity") })} ${t("field.too_small", { minimum: 1 })}`,
      ),
    );
    await screen(page, FR, "groups-02a-new-group-refused");
    await capacity.fill("3");

    const preview = page.getByRole("list", { name: t("schedule.preview") }).getByRole("listitem");
    await expect.poll(() => preview.count()).toBe(6);
    const lines = await preview.allInnerTexts();
    for (const line of lines) expect(line).toContain("18:00");
    expect(lines.slice(0, 3).every((l) => l.includes("UTC+1"))).toBe(true);
    expect(lines.slice(3).every((l) => l.includes("UTC+2"))).toBe(true);
    expect(lines[3]).toContain(t("schedule.dstChange", { time: "18:00" }));
    expect(lines[0]).toContain("9 mars 2027");
    expect(lines[3]).toContain("30 mars 2027");
    await screen(page, FR, "groups-02-new-group-preview");

    await tap(page.getByRole("button", { name: t("groups.create") }));
    await visible(page.getByRole("heading", { name: t("groups.defaultName") }));
    groupId = new URL(page.url()).pathname.split("/")[2]!;
    const rows = page.getByRole("table", { name: t("sessions.listTitle") }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(7);
    const sessions = (await rows.allInnerTexts()).slice(1);
    for (const row of sessions) expect(row).toContain("18:00–20:00");
    expect(sessions[0]).toContain("9 mars 2027");
    expect(sessions[3]).toContain("30 mars 2027");
    await screen(page, FR, "groups-03-group-sessions");

    // The service agrees: 17:00Z before the change, 16:00Z after.
    const listed = await api<{ items: Array<{ startsAt: string }> }>(
      "groups",
      "GET",
      `/v1/groups/${groupId}/sessions`,
      ANNE,
    );
    expect(listed.body.items.map((s) => new Date(s.startsAt).toISOString().slice(11, 16))).toEqual([
      "17:00",
      "17:00",
      "17:00",
      "16:00",
      "16:00",
      "16:00",
    ]);
    await tap(page.getByRole("link", { name: t("groups.nav") }).first());
    const row = page.getByRole("row").filter({ hasText: t("groups.defaultName") });
    await visible(row);
    expect(await row.innerText()).toContain(t("groups.seatsValue", { taken: 0, capacity: 3 }));
    await screen(page, FR, "groups-04-my-groups");
  });

  it("moves one session and cancels another from the week view; the participants' mail carries both", async () => {
    for (const who of ["Alice", "Bruno", "Chloe", "Denis", "Emma"]) people[who] = await enrol(groupId, who);
    expect([people.Denis, people.Emma].map((p) => (p as { status?: string }).status)).toEqual([
      "waitlisted",
      "waitlisted",
    ]);
    const page = await anneOnTheIpad();
    await tap(page.getByRole("navigation").getByRole("link", { name: t("sessions.nav") }));
    await visible(page.getByRole("heading", { name: t("sessions.title") }));
    await page.getByLabel(t("sessions.goTo")).fill("2027-03-15");
    const tuesday = page.getByRole("region", { name: "mardi 16 mars" });
    await visible(tuesday.getByText("18:00–20:00"));
    await screen(page, FR, "groups-05-week");
    await tap(tuesday.getByRole("button", { name: /^Déplacer la séance/ }));
    const dialog = page.getByRole("dialog");
    await visible(dialog);
    await dialog.getByLabel(t("sessions.newDate")).fill("2027-03-17");
    await dialog.getByLabel(t("sessions.newTime")).fill("19:30");
    await screen(page, FR, "groups-06-move-dialog");
    await tap(dialog.getByRole("button", { name: t("sessions.moveSubmit") }));
    await visible(page.getByText(t("sessions.movedTold")));
    const wednesday = page.getByRole("region", { name: "mercredi 17 mars" });
    await visible(wednesday.getByText("19:30–21:30"));
    await screen(page, FR, "groups-07-week-moved");

    await tap(page.getByRole("button", { name: t("sessions.nextWeek") }));
    const next = page.getByRole("region", { name: "mardi 23 mars" });
    await tap(next.getByRole("button", { name: /^Annuler la séance/ }));
    await dialog.getByRole("textbox", { name: t("sessions.cancelReason") }).fill("Salle indisponible");
    await tap(dialog.getByRole("button", { name: t("sessions.cancelSubmit") }));
    await visible(page.getByText(t("sessions.cancelledTold")));
    await visible(next.getByText(t("sessions.status.cancelled")));
    await tap(page.getByRole("button", { name: t("sessions.month") }));
    await visible(page.getByRole("link", { name: /19:30 Rencontre du mardi/ }));
    await screen(page, FR, "groups-08-month");
    // "This and following": from 30 March on, the series starts at 18:30.
    await tap(page.getByRole("button", { name: t("sessions.week") }));
    await tap(page.getByRole("button", { name: t("sessions.nextWeek") }));
    const thirtieth = page.getByRole("region", { name: "mardi 30 mars" });
    await tap(thirtieth.getByRole("button", { name: /^Déplacer la séance/ }));
    await dialog.getByLabel(t("sessions.newTime")).fill("18:30");
    await tick(dialog.getByRole("radio", { name: t("sessions.scope.following") }));
    await tap(dialog.getByRole("button", { name: t("sessions.moveSubmit") }));
    await visible(thirtieth.getByText("18:30–20:30"));
    await tap(page.getByRole("button", { name: t("sessions.nextWeek") }));
    await visible(page.getByRole("region", { name: "mardi 6 avril" }).getByText("18:30–20:30"));

    // Every enrolled participant is told both changes; the waitlisted are told neither, nor the venue.
    for (const who of ["alice", "bruno", "chloe"]) {
      await until(async () => {
        const texts = mailTo(`${who}@example.org`);
        const moved = texts.some((m) => m.includes("mercredi 17 mars 2027, 19:30"));
        const cancelled = texts.some((m) => m.includes("mardi 23 mars 2027, 18:00") && m.includes("annulé"));
        return moved && cancelled ? true : undefined;
      }, `${who}'s mail`);
    }
    for (const who of ["denis", "emma"]) {
      for (const text of mailTo(`${who}@example.org`)) {
        expect(text).not.toContain("19:30");
        expect(text).not.toContain("Féronstrée");
      }
    }
  });

  it("withdraws someone and the waitlist promotes, visibly; the venue goes only to the enrolled", async () => {
    const page = await anneOnTheIpad();
    await page.goto(`${live.stack.consoleUrl}/groups/${groupId}/roster`);
    const enrolled = page.getByRole("list", { name: t("roster.enrolled") });
    const waitlist = page.getByRole("list", { name: t("roster.waitlist") });
    await visible(enrolled.getByText("Alice"));
    expect(await waitlist.getByRole("listitem").allInnerTexts()).toEqual([
      expect.stringContaining("Denis"),
      expect.stringContaining("Emma"),
    ]);
    // Nothing offers to send the venue to someone waiting; the row says it is not shared.
    const denis = waitlist.getByRole("listitem").filter({ hasText: "Denis" });
    expect(await denis.innerText()).toContain(t("roster.venueNotTold"));
    expect(await denis.innerText()).not.toContain(VENUE);
    await screen(page, FR, "groups-09-roster");
    await tap(enrolled.getByRole("button", { name: t("roster.action.withdrawn", { name: "Alice" }) }));
    await tap(page.getByRole("dialog").getByRole("button", { name: t("roster.confirm") }));
    await visible(page.getByText(t("roster.promotedNotice", { names: "Denis" })));
    await visible(enrolled.getByText("Denis"));
    await visible(enrolled.getByText(t("roster.justPromoted")));
    expect(await waitlist.getByRole("listitem").allInnerTexts()).toEqual([expect.stringContaining("Emma")]);
    await screen(page, FR, "groups-10-roster-promoted");
    // Denis now learns where the group meets; Emma, still waiting, never does.
    await until(
      async () => (mailTo("denis@example.org").some((m) => m.includes("Féronstrée")) ? true : undefined),
      "Denis's venue",
    );
    for (const text of mailTo("emma@example.org")) expect(text).not.toContain("Féronstrée");
  });

  it("enrols from placements; a separation refusal names nobody", async () => {
    const secondGroup = await createGroup(ANNE, {});
    const { referralId } = await referForGroup("Fatima Placée");
    const placement = await untilListed<{ id: string; referralId: string; personRef: string }>(
      ["groups", "/v1/placements", ANNE],
      (p) => p.referralId === referralId,
      "the placement",
    );
    // Fatima must be kept apart from Bruno, who is in the Tuesday group.
    const bruno = await api<{ items: Array<{ id: string; personRef: string; displayName: string }> }>(
      "groups",
      "GET",
      `/v1/groups/${groupId}/enrolments`,
      ANNE,
    );
    const brunoRef = bruno.body.items.find((e) => e.displayName === "Bruno")!.personRef;
    const linked = await api("groups", "POST", "/v1/separations", COORDINATOR, {
      personRef: placement.personRef,
      otherPersonRef: brunoRef,
    });
    expect(linked.status).toBeLessThan(300);

    const page = await anneOnTheIpad();
    await tap(page.getByRole("navigation").getByRole("link", { name: t("placements.nav") }));
    const row = page.getByRole("listitem").filter({ hasText: "Fatima Placée" });
    await visible(row);
    await screen(page, FR, "groups-11-placements");
    await tap(row.getByRole("button", { name: t("placements.group", { name: "Fatima Placée" }) }));
    await tap(page.getByRole("option", { name: t("groups.defaultName") }));
    await tap(row.getByRole("button", { name: t("placements.enrolLabel", { name: "Fatima Placée" }) }));
    const refusal = row.getByRole("alert");
    await visible(refusal);
    const said = await refusal.innerText();
    expect(said).toBe(t("placements.separationRefused"));
    for (const secret of ["Bruno", brunoRef, "Fatima"]) expect(said).not.toContain(secret);
    await screen(page, FR, "groups-12-placement-refused");
    await tap(row.getByRole("button", { name: t("placements.group", { name: "Fatima Placée" }) }));
    await tap(page.getByRole("option", { name: "Atelier du jeudi" }));
    await tap(row.getByRole("button", { name: t("placements.enrolLabel", { name: "Fatima Placée" }) }));
    await row.waitFor({ state: "detached", timeout: 20_000 });
    const placed = await api<{ items: Array<{ displayName: string; status: string }> }>(
      "groups",
      "GET",
      `/v1/groups/${secondGroup}/enrolments`,
      ANNE,
    );
    expect(placed.body.items).toEqual([
      expect.objectContaining({ displayName: "Fatima Placée", status: "enrolled" }),
    ]);
  });

  it("takes attendance on an iPad in portrait, offline mid-roster: three marks arrive once each", async () => {
    const yesterday = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(
      new Date(Date.now() - 86_400_000),
    );
    const today = await createGroup(ANNE, {
      publicName: "Groupe du jour",
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: `${yesterday}T09:00`,
        rrule: "FREQ=DAILY;COUNT=3",
        durationMinutes: 90,
      },
    });
    const ids: Record<string, string> = {};
    for (const who of ["Gaby", "Hugo", "Ines", "Jade"]) ids[who] = (await enrol(today, who)).id;

    const context = await live.browser.newContext(PORTRAIT.context);
    const page = await signIn(context, ANNE.name);
    const arrived: string[] = [];
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (response.request().method() === "PUT" && url.pathname.includes("/attendance/") && response.ok())
        arrived.push(url.pathname.split("/").at(-1)!);
    });
    await page.goto(`${live.stack.consoleUrl}/groups/${today}`);
    await tap(page.getByRole("link", { name: /^Prendre les présences/ }).first());
    const row = (who: string) =>
      page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: who }) });
    const mark = (who: string, status: string) =>
      row(who).getByRole("button", {
        name: t("attendance.markLabel", { name: who, status: t(status as never) }),
      });
    await visible(mark("Gaby", "attendance.status.present"));
    await screen(page, PORTRAIT, "groups-13-attendance");
    await tap(mark("Gaby", "attendance.status.present"));
    await visible(row("Gaby").getByText(t("attendance.sent")));

    await context.setOffline(true);
    await tap(mark("Hugo", "attendance.status.late"));
    await tap(mark("Ines", "attendance.status.excused"));
    await tap(mark("Jade", "attendance.status.absent"));
    await visible(page.getByText(plural(t("attendance.waitingCount"), 3)));
    expect(await page.getByText(t("attendance.waiting"), { exact: true }).count()).toBe(3);
    expect(await mark("Jade", "attendance.status.absent").getAttribute("aria-pressed")).toBe("true");
    // What waits is in this page's memory: nothing in the browser's storage.
    expect(
      await page.evaluate("JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })"),
    ).toBe("{}{}");
    await screen(page, { ...PORTRAIT, axe: false }, "groups-14-attendance-offline");

    await context.setOffline(false);
    await visible(page.getByText(t("attendance.allSent")));
    expect(await page.getByText(t("attendance.waiting"), { exact: true }).count()).toBe(0);
    // In order, once each, as the service saw them.
    expect(arrived).toEqual([ids.Gaby, ids.Hugo, ids.Ines, ids.Jade]);
    const roster = await api<{
      session: { id: string };
      items: Array<{ enrolmentId: string; attendance: string | null }>;
    }>(
      "groups",
      "GET",
      new URL(page.url()).pathname.replace(/^\/sessions\/([^/]+)\/attendance$/, "/v1/sessions/$1/attendance"),
      ANNE,
    );
    expect(Object.fromEntries(roster.body.items.map((l) => [l.enrolmentId, l.attendance]))).toEqual({
      [ids.Gaby!]: "present",
      [ids.Hugo!]: "late",
      [ids.Ines!]: "excused",
      [ids.Jade!]: "absent",
    });
    const audit = await api<{ items: Array<{ action: string; recordId: string }> }>(
      "groups",
      "GET",
      "/v1/audit?outcome=allowed&limit=200",
      COORDINATOR,
    );
    const recorded = audit.body.items.filter((a) => a.action === "attendance.record").map((a) => a.recordId);
    for (const who of ["Hugo", "Ines", "Jade"])
      expect(recorded.filter((id) => id === ids[who])).toHaveLength(1);

    // Jade missed a victim group's session: the check-in waits on the home screen until resolved.
    await tap(page.getByRole("navigation").getByRole("link", { name: t("groups.nav") }));
    const checkIns = page.getByRole("region", { name: t("checkins.title") });
    await visible(checkIns.getByText(/Jade a manqué Groupe du jour/));
    await screen(page, PORTRAIT, "groups-15-home-check-in");
    await tap(checkIns.getByRole("button", { name: t("checkins.resolveLabel", { name: "Jade" }) }));
    await checkIns.waitFor({ state: "detached", timeout: 20_000 });
    const open = await api<{ items: unknown[] }>("groups", "GET", "/v1/check-ins?status=open", ANNE);
    expect(open.body.items).toEqual([]);
    await context.close();
  });

  it("programme staff record two unexcused absences: warning step, the justice house told, CSV", async () => {
    const daysAgo = (n: number) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(
        new Date(Date.now() - n * 86_400_000),
      );
    const programme = await createGroup(MARC, {
      kind: "perpetrator",
      publicName: "Programme du soir",
      facilitators: [{ sub: MARC.sub, displayName: "Marc", email: "marc@example.org" }],
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: `${daysAgo(3)}T18:00`,
        rrule: "FREQ=DAILY;COUNT=6",
        durationMinutes: 120,
      },
    });
    const mandate = {
      authority: "Maison de justice de Liège",
      contactEmail: "mj.liege@example.org",
      caseReference: "MJ/2026/0042",
      requiredSessions: 5,
      deadline: "2027-06-30",
    };
    const kevin = await enrol(programme, "Kevin", MARC, { mandate });

    const context = await live.browser.newContext(FR.context);
    const page = await signIn(context, MARC.name);
    await tap(page.getByRole("link", { name: "Programme du soir" }));
    const sessions = page.getByRole("link", { name: /^Prendre les présences/ });
    for (const n of [0, 1]) {
      await tap(sessions.nth(n));
      const absent = page.getByRole("button", {
        name: t("attendance.markLabel", { name: "Kevin", status: t("attendance.status.absent") }),
      });
      await tap(absent);
      await visible(page.getByText(t("attendance.allSent")));
      await visible(page.getByText(t("attendance.sent"), { exact: true }));
      if (n === 0) await screen(page, FR, "groups-16-programme-attendance");
      await tap(page.getByRole("link", { name: t("roster.backToGroup") }));
    }
    await tap(page.getByRole("link", { name: t("roster.open") }));
    await tap(page.getByRole("link", { name: t("mandate.open") }));
    await visible(page.getByRole("heading", { name: t("mandate.title", { name: "Kevin" }) }));
    const compliance = page.getByRole("region", { name: t("compliance.title") });
    await visible(compliance.getByText(t("compliance.step.warning")));
    expect(await compliance.innerText()).toContain("Maison de justice de Liège informée le");
    expect(await page.getByRole("textbox", { name: t("mandate.caseReference") }).inputValue()).toBe(
      "MJ/2026/0042",
    );
    await screen(page, FR, "groups-17-mandate-compliance");

    // The justice house's notification: in the coordinator's delivery log, and in its mailbox.
    const told = await untilListed<{ template: string; status: string }>(
      ["notifications", "/v1/messages?limit=100", COORDINATOR],
      (m) => m.template === "compliance_breached" && m.status === "sent",
      "the compliance notice in the delivery log",
    );
    expect(told).toBeDefined();
    await until(
      async () => (mailTo("mj.liege@example.org").some((m) => m.includes("MJ/2026/0042")) ? true : undefined),
      "the justice house's mail",
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      tap(page.getByRole("link", { name: t("compliance.downloadCsv") })),
    ]);
    expect(download.suggestedFilename()).toBe(`attendance-${kevin.id}.csv`);
    const csv = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toBe("session_id,starts_at,session_status,attendance,note,recorded_by,recorded_at");
    expect(lines.filter((l) => l.includes(",absent,"))).toHaveLength(2);
    expect(csv).not.toContain("Kevin");

    // Correcting the mandate re-evaluates compliance at once.
    await page.getByRole("spinbutton", { name: t("mandate.requiredSessions") }).fill("4");
    await tap(page.getByRole("button", { name: t("mandate.correct") }));
    await visible(page.getByText(t("mandate.saved")));
    await context.close();
  });

  it("creates, shows as a QR code, and revokes the calendar feed; an edit adds a seat", async () => {
    const page = await anneOnTheIpad();
    await tap(page.getByRole("navigation").getByRole("link", { name: t("feed.nav") }));
    await tap(page.getByRole("button", { name: t("feed.create") }));
    await visible(page.getByRole("img", { name: t("feed.qrLabel") }));
    const url = await page.getByRole("textbox", { name: t("feed.url") }).inputValue();
    expect(url).toMatch(/\/v1\/calendars\/[A-Za-z0-9_-]+\.ics$/);
    await tap(page.getByRole("button", { name: t("feed.copy") }));
    await visible(
      page.getByRole("status").filter({ hasText: new RegExp(`${t("feed.copied")}|${t("feed.copyByHand")}`) }),
    );
    await screen(page, FR, "groups-18-calendar-feed");
    const feedPath = new URL(url).pathname;
    const feed = await fetch(`${live.stack.urls.notifications}${feedPath}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");
    await tap(page.getByRole("button", { name: t("feed.revoke") }));
    await visible(page.getByText(t("feed.revoked")));
    expect((await fetch(`${live.stack.urls.notifications}${feedPath}`)).status).toBe(404);

    // Editing the group: one more seat promotes Emma, the last one waiting.
    await page.goto(`${live.stack.consoleUrl}/groups/${groupId}`);
    await tap(page.getByRole("link", { name: t("groups.edit") }));
    await visible(page.getByRole("heading", { name: t("groups.editTitle") }));
    await screen(page, FR, "groups-19-edit-group");
    await page.getByRole("spinbutton", { name: t("groups.capacity") }).fill("4");
    await tap(page.getByRole("button", { name: t("groups.save") }));
    await visible(page.getByText(t("groups.seatsValue", { taken: 4, capacity: 4 }), { exact: false }));
    await page.context().close();
  });

  it.each(["nl", "en"] as const)("shows My groups in %s", async (language) => {
    const context = await live.browser.newContext({
      ...FR.context,
      locale: language === "nl" ? "nl-BE" : "en-GB",
    });
    const page = await context.newPage();
    await page.goto(`${live.stack.consoleUrl}/`);
    const say = messages(language);
    await tap(page.getByRole("button", { name: say("signIn.as", { name: ANNE.name }) }));
    await visible(page.getByRole("heading", { name: say("groups.title") }));
    await visible(page.getByRole("link", { name: t("groups.defaultName") }));
    await screen(page, { ...FR, name: language, language, axe: false }, "groups-01-my-groups");
    await context.close();
  });
});
