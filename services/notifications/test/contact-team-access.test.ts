// A caseworker reaches a person's contact only through an open or recently closed call-back task
// of one of their teams; a coordinator of the organisation reaches every contact of it (issue 10,
// part 2). Tried as an attacker: the other team with the other person's real reference, a
// caseworker with no team claim, one of an unrelated team, one of another organisation. Every
// refusal is the 404 of a missing contact. Real NATS; the tasks are known from referrals' events.
import { CallbackDue, createEvent, PersonPurged, ReferralReceived } from "@relais/contracts";
import {
  authHeader,
  ManualClock,
  mintToken,
  type NatsProcess,
  referralReceived,
  referredPerson,
  startNats,
} from "@relais/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamTasks } from "../src/db/schema.js";
import { callbackClosed, callbackOpened, ORG } from "./fixtures.js";
import { type Notifications, startNotifications } from "./harness.js";
import { sealForNotifications } from "./seal-keys.js";

const VICTIMS = "seraing-victims";
const AUTHORS = "seraing-authors";
const VICTIM = "prs_teamvictim1";
const AUTHOR = "prs_teamauthor1";
const DAY = 86_400_000;

const preferences = {
  channels: ["phone" as const, "email" as const],
  safeWindows: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "12:00" }],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
};

function referral() {
  return referralReceived(ORG, {
    referralId: "ref-teams",
    childrenPresent: true,
    persons: [
      referredPerson(VICTIM, "victim", {
        sealed: sealForNotifications(
          { displayName: "Sara", contact: { phone: "+32470111222", email: "sara@mail.example" } },
          ReferralReceived.type,
        ),
        preferences,
      }),
      referredPerson(AUTHOR, "author", {
        sealed: sealForNotifications(
          { displayName: "Marc", contact: { phone: "+32470333444", email: "marc@mail.example" } },
          ReferralReceived.type,
        ),
        preferences: { ...preferences, voicemailAllowed: true, discreet: false },
      }),
    ],
  });
}

describe("contacts are reached through a task of one's own team", () => {
  let nats: NatsProcess;
  let clock: ManualClock;
  let service: Notifications;
  beforeAll(async () => {
    nats = await startNats();
    clock = new ManualClock("2026-03-02T09:00:00Z");
    service = await startNotifications(nats, { clock });
    await service.publish(
      referral(),
      callbackOpened({ taskId: "cbk-victim", personRef: VICTIM, team: VICTIMS }),
      callbackOpened({ taskId: "cbk-author", personRef: AUTHOR, team: AUTHORS, role: "author" }),
    );
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.stop();
  });

  const caseworker = (claims: Record<string, unknown>, org = ORG) =>
    mintToken({ role: "caseworker", org, sub: `cw-${JSON.stringify(claims)}`, claims });
  const get = async (token: string, personRef: string) => {
    const response = await service.app.request(`/v1/contacts/${personRef}`, { headers: authHeader(token) });
    return { status: response.status, text: await response.text() };
  };
  const put = async (token: string, personRef: string, body: unknown) => {
    const response = await service.app.request(`/v1/contacts/${personRef}/preferences`, {
      method: "PUT",
      headers: { ...authHeader(token), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const loosened = { ...preferences, voicemailAllowed: true, discreet: false, safeWindows: [] };

  it("lets each team read and change its own person's contact", async () => {
    const victims = await caseworker({ teams: [VICTIMS] });
    const authors = await caseworker({ team: AUTHORS });
    expect(await get(victims, VICTIM)).toMatchObject({
      status: 200,
      text: expect.stringContaining("+32470111222"),
    });
    expect(await get(authors, AUTHOR)).toMatchObject({
      status: 200,
      text: expect.stringContaining("+32470333444"),
    });
    const changed = await put(victims, VICTIM, { ...preferences, channels: ["phone"] });
    expect(changed.status).toBe(200);
    expect(JSON.parse(changed.text).preferences.channels).toEqual(["phone"]);
  });

  it("refuses the other team, with the other person's real reference, as a missing contact", async () => {
    const victims = await caseworker({ teams: [VICTIMS] });
    const authors = await caseworker({ teams: [AUTHORS] });
    const missing = await get(victims, "prs_nobodyatall");
    expect(missing.status).toBe(404);
    for (const [token, other] of [
      [victims, AUTHOR],
      [authors, VICTIM],
    ] as const) {
      const read = await get(token, other);
      expect(read.status).toBe(404);
      // Not even a different message: existence does not leak.
      expect(JSON.parse(read.text).detail).toBe(JSON.parse(missing.text).detail);
      expect((await put(token, other, loosened)).status).toBe(404);
    }
    // The refused changes changed nothing: discretion and voicemail stay as the referral said.
    const coordinator = await mintToken({ role: "coordinator", org: ORG });
    const victim = JSON.parse((await get(coordinator, VICTIM)).text);
    expect(victim.preferences).toMatchObject({ discreet: true, voicemailAllowed: false });
    expect(victim.preferences.safeWindows).toHaveLength(1);
    const author = JSON.parse((await get(coordinator, AUTHOR)).text);
    expect(author.preferences.safeWindows).toHaveLength(1);
    // The coordinator sees who tried: each refusal is in the organisation's audit trail.
    const audit = await service.app.request("/v1/audit?outcome=denied&limit=100", {
      headers: authHeader(coordinator),
    });
    const tried = ((await audit.json()) as { items: Array<{ actor: { sub: string }; recordId: string }> })
      .items;
    expect(tried).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: expect.objectContaining({ sub: `cw-${JSON.stringify({ teams: [VICTIMS] })}` }),
          recordId: AUTHOR,
        }),
        expect.objectContaining({
          actor: expect.objectContaining({ sub: `cw-${JSON.stringify({ teams: [AUTHORS] })}` }),
          recordId: VICTIM,
        }),
      ]),
    );
  });

  it("refuses a caseworker with no team, of an unrelated team, or of another organisation", async () => {
    const attackers = [
      await caseworker({}),
      await caseworker({ teams: [] }),
      await caseworker({ teams: ["liege-victims"] }),
      await caseworker({ team: 42 }),
      await caseworker({ teams: [VICTIMS, AUTHORS] }, "org-namur"),
      await mintToken({ role: "coordinator", org: "org-namur" }),
    ];
    for (const token of attackers) {
      for (const personRef of [VICTIM, AUTHOR]) {
        expect((await get(token, personRef)).status).toBe(404);
        expect((await put(token, personRef, loosened)).status).toBe(404);
      }
    }
    // Roles without access to contacts at all are refused before any lookup.
    for (const role of ["facilitator", "programme_staff", "police"] as const)
      expect(
        (await get(await mintToken({ role, org: ORG, claims: { teams: [VICTIMS] } }), VICTIM)).status,
      ).toBe(403);
  });

  it("keeps a closed task's team in for CONTACT_ACCESS_DAYS, then only coordinators", async () => {
    const victims = await caseworker({ teams: [VICTIMS] });
    const coordinator = await mintToken({ role: "coordinator", org: ORG });
    await service.publish(
      callbackClosed({
        taskId: "cbk-victim",
        personRef: VICTIM,
        team: VICTIMS,
        closedAt: clock.now().toISOString(),
      }),
    );
    clock.advance(29 * DAY);
    expect((await get(victims, VICTIM)).status).toBe(200);
    clock.advance(2 * DAY);
    expect((await get(victims, VICTIM)).status).toBe(404);
    expect((await put(victims, VICTIM, loosened)).status).toBe(404);
    expect((await get(coordinator, VICTIM)).status).toBe(200);
    // The author's task is still open: no window applies to it.
    expect((await get(await caseworker({ teams: [AUTHORS] }), AUTHOR)).status).toBe(200);
  });

  it("learns a task's team from its due announcement too, whichever arrives first", async () => {
    const reassigned = await caseworker({ teams: ["seraing-victims-night"] });
    expect((await get(reassigned, VICTIM)).status).toBe(404);
    await service.publish(
      createEvent(CallbackDue, {
        orgId: ORG,
        source: "referrals",
        data: {
          taskId: "cbk-victim-2",
          referralId: "ref-teams",
          personRef: VICTIM,
          role: "victim",
          team: "seraing-victims-night",
          riskLevel: "high",
          dueAt: clock.now().toISOString(),
        },
      }),
    );
    expect((await get(reassigned, VICTIM)).status).toBe(200);
    // The opening announced afterwards changes nothing.
    await service.publish(
      callbackOpened({ taskId: "cbk-victim-2", personRef: VICTIM, team: "seraing-victims-night" }),
    );
    expect((await get(reassigned, VICTIM)).status).toBe(200);
  });

  it("keeps a task closed when its closing arrives before its opening (one consumer per subject)", async () => {
    const late = await caseworker({ teams: ["seraing-late"] });
    const closedAt = new Date(clock.now().getTime() - 40 * DAY).toISOString();
    await service.publish(
      callbackClosed({ taskId: "cbk-late", personRef: VICTIM, team: "seraing-late", closedAt }),
    );
    await service.publish(callbackOpened({ taskId: "cbk-late", personRef: VICTIM, team: "seraing-late" }));
    expect((await get(late, VICTIM)).status).toBe(404);
  });

  it("moves a task to the team a coordinator assigns it to, and never back on a stale announcement", async () => {
    // Filed for a municipality without a route: the task is in the coordinators' queue, which only
    // coordinators reach; a caseworker whose token names the queue as a team gets nothing of it.
    const queueTeam = await caseworker({ teams: ["coordination"] });
    const day = await caseworker({ teams: ["seraing-victims-day"] });
    const coordinator = await mintToken({ role: "coordinator", org: ORG });
    const filedAt = new Date(clock.now().getTime() - 2 * DAY);
    await service.publish(
      callbackOpened({
        taskId: "cbk-queued",
        personRef: VICTIM,
        team: "coordination",
        openedAt: filedAt.toISOString(),
      }),
    );
    expect((await get(queueTeam, VICTIM)).status).toBe(404);
    expect((await get(coordinator, VICTIM)).status).toBe(200);
    expect((await get(day, VICTIM)).status).toBe(404);
    // The assignment is announced as an opening by the new team, at the moment of the assignment.
    const assignedAt = new Date(filedAt.getTime() + DAY);
    await service.publish(
      callbackOpened({
        taskId: "cbk-queued",
        personRef: VICTIM,
        team: "seraing-victims-day",
        openedAt: assignedAt.toISOString(),
      }),
    );
    expect(await get(day, VICTIM)).toMatchObject({
      status: 200,
      text: expect.stringContaining("+32470111222"),
    });
    expect((await get(queueTeam, VICTIM)).status).toBe(404);
    expect((await put(queueTeam, VICTIM, loosened)).status).toBe(404);
    expect((await get(coordinator, VICTIM)).status).toBe(200);
    // A due announcement made for the queue before the assignment arrives after it (another
    // consumer): the task stays with the new team.
    await service.publish(
      createEvent(CallbackDue, {
        orgId: ORG,
        source: "referrals",
        occurredAt: new Date(filedAt.getTime() + DAY / 2),
        data: {
          taskId: "cbk-queued",
          referralId: "ref-teams",
          personRef: VICTIM,
          role: "victim",
          team: "coordination",
          riskLevel: "high",
          dueAt: filedAt.toISOString(),
        },
      }),
    );
    expect((await get(queueTeam, VICTIM)).status).toBe(404);
    expect((await get(day, VICTIM)).status).toBe(200);
    const [row] = await service.database.db
      .select()
      .from(teamTasks)
      .where(eq(teamTasks.taskId, "cbk-queued"));
    // First heard of at the filing; the team since the assignment.
    expect(row).toMatchObject({
      team: "seraing-victims-day",
      since: filedAt.toISOString(),
      teamSince: assignedAt.toISOString(),
    });
  });

  it("forgets the teams' tasks of a purged person", async () => {
    const authors = await caseworker({ teams: [AUTHORS] });
    expect((await get(authors, AUTHOR)).status).toBe(200);
    await service.publish(
      createEvent(PersonPurged, {
        orgId: ORG,
        source: "referrals",
        data: { personRef: AUTHOR, referralId: "ref-teams" },
      }),
    );
    const left = await service.database.db.select().from(teamTasks).where(eq(teamTasks.personRef, AUTHOR));
    expect(left).toEqual([]);
    expect((await get(authors, AUTHOR)).status).toBe(404);
  });
});
