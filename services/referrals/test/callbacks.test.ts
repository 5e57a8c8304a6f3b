import { CallbackClosed, CallbackOpened, SupportRequested } from "@relais/contracts";
import { auditLog } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../src/db/schema.js";
import { authorPhone, seraingReferral, victimName, victimPhone } from "./fixtures.js";
import { call, fileReferral, ORG, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";
const AUTHORS = "vif-ment-fini-authors";

describe("call-back tasks", () => {
  // Friday 20 November 2026, 22:00 in Brussels.
  const world = useSeededReferrals("2026-11-20T21:00:00Z");
  const file = (body?: unknown, zone?: string) => fileReferral(world.service, body, zone);
  /** Claims the task, logs a reached phone call with `note`, then records `outcome` (attempt `a<n>`, outcome `o<n>`). */
  const reachAndClose = async (taskId: string, worker: string, note: string, n: string, outcome: unknown) => {
    await call(world.service, "POST", `/v1/callbacks/${taskId}/claim`, worker);
    const attempt = { outcome: "reached", channel: "phone", note };
    await call(world.service, "POST", `/v1/callbacks/${taskId}/attempts`, worker, attempt, {
      "idempotency-key": `a${n}`,
    });
    return call(world.service, "POST", `/v1/callbacks/${taskId}/outcome`, worker, outcome, {
      "idempotency-key": `o${n}`,
    });
  };
  async function queue(token: string, query = "") {
    const res = await call(world.service, "GET", `/v1/callbacks${query}`, token);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown> & { id: string; role: string }>;
  }
  async function events(type: string) {
    const rows = await world.service.database.db.select().from(outbox).where(eq(outbox.subject, type));
    return rows.map((row) => JSON.parse(row.payload));
  }
  const victimWorker = () => tokens.caseworker([VICTIMS], "worker-v");
  const authorWorker = () => tokens.caseworker([AUTHORS], "worker-a");

  it("makes one task per contactable person, in separate victim and author teams, due in the safe window", async () => {
    await file();
    const all = await queue(await tokens.coordinator());
    expect(all).toHaveLength(2);
    const victim = all.find((t) => t.role === "victim")!;
    const author = all.find((t) => t.role === "author")!;
    expect(victim).toMatchObject({ team: VICTIMS, routed: true, riskLevel: "high", status: "open" });
    expect(author).toMatchObject({ team: AUTHORS, routed: true });
    // Filed Friday 22:00, high risk, weekday 09:00-12:00: due Monday 09:00 Brussels.
    expect(victim.dueAt).toBe("2026-11-23T08:00:00.000Z");
    expect(victim.slaDeadline).toBe("2026-11-23T11:00:00.000Z");
    // The author has no window: due now, SLA 4 h.
    expect(author.dueAt).toBe("2026-11-20T21:00:00.000Z");
    expect(author.slaDeadline).toBe("2026-11-21T01:00:00.000Z");
    // The queue itself carries no contact details.
    expect(JSON.stringify(all)).not.toContain(victimPhone);

    expect((await queue(await victimWorker())).map((t) => t.role)).toEqual(["victim"]);
    expect((await queue(await authorWorker())).map((t) => t.role)).toEqual(["author"]);

    // Each task is announced with its team, so notifications can scope contact access by team.
    const opened = (await events("referrals.callback.opened")).map((e) => CallbackOpened.envelope.parse(e));
    expect(opened.map((e) => [e.data.taskId, e.data.team, e.data.role, e.data.personRef]).sort()).toEqual(
      [
        [victim.id, VICTIMS, "victim", victim.personRef],
        [author.id, AUTHORS, "author", author.personRef],
      ].sort(),
    );
    expect(opened.every((e) => e.orgId === ORG && e.data.openedAt === "2026-11-20T21:00:00.000Z")).toBe(true);
    expect(JSON.stringify(opened)).not.toContain(victimPhone);
  });

  it("orders the queue due first, then by risk", async () => {
    await file(seraingReferral({ riskLevel: "low", persons: [seraingReferral().persons[1]] }));
    await file(seraingReferral({ riskLevel: "high", persons: [seraingReferral().persons[1]] }));
    await file(seraingReferral({ riskLevel: "medium" }));
    const items = await queue(await tokens.coordinator());
    expect(items.map((t) => [t.due, t.riskLevel])).toEqual([
      [true, "high"],
      [true, "medium"],
      [true, "low"],
      [false, "medium"],
    ]);
    const page = await call(world.service, "GET", "/v1/callbacks?limit=3", await tokens.coordinator());
    const next = await call(
      world.service,
      "GET",
      `/v1/callbacks?limit=3&cursor=${page.body.nextCursor}`,
      await tokens.coordinator(),
    );
    expect(next.body.items).toHaveLength(1);
  });

  it("sends an unrouted municipality to the coordinators' queue and gives no task without consent", async () => {
    const body = seraingReferral({ municipality: "Arlon" });
    body.persons[1] = { ...body.persons[1]!, consent: false } as never;
    const filed = await file(body);
    const items = await queue(await tokens.coordinator());
    expect(items).toEqual([expect.objectContaining({ role: "victim", team: "coordination", routed: false })]);
    expect(await queue(await victimWorker())).toEqual([]);
    // A caseworker whose identity provider names the queue as one of their teams gets nothing of
    // it: not the queue, not the referral, not the task, with their real ids.
    const queueNamed = await tokens.caseworker(["coordination"], "worker-q");
    expect((await call(world.service, "GET", "/v1/callbacks", queueNamed)).status).toBe(403);
    const withRealTeam = await tokens.caseworker(["coordination", VICTIMS], "worker-q");
    expect(await queue(withRealTeam)).toEqual([]);
    expect((await call(world.service, "GET", `/v1/referrals/${filed.id}`, withRealTeam)).status).toBe(404);
    const claim = await call(world.service, "POST", `/v1/callbacks/${items[0]!.id}/claim`, withRealTeam);
    expect(claim.status).toBe(404);
    const status = await call(
      world.service,
      "GET",
      `/v1/referrals/${filed.id}/status`,
      await tokens.police(),
    );
    expect(status.body.persons).toEqual([
      { role: "victim", callback: true, reason: null },
      { role: "author", callback: false, reason: "no_consent" },
    ]);
  });

  it("lets one of two workers claiming the same task win", async () => {
    await file();
    const [task] = await queue(await authorWorker());
    const [a, b] = await Promise.all([
      call(
        world.service,
        "POST",
        `/v1/callbacks/${task!.id}/claim`,
        await tokens.caseworker([AUTHORS], "worker-a"),
      ),
      call(
        world.service,
        "POST",
        `/v1/callbacks/${task!.id}/claim`,
        await tokens.caseworker([AUTHORS], "worker-b"),
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.code).toBe("already_claimed");
    expect(winner.body.person.contact.phone).toBe(authorPhone);
    // The lease runs out: the other worker may take the task over.
    world.clock.advance({ minutes: 31 });
    const takeover = await call(
      world.service,
      "POST",
      `/v1/callbacks/${task!.id}/claim`,
      await tokens.caseworker([AUTHORS], loser === a ? "worker-a" : "worker-b"),
    );
    expect(takeover.status).toBe(200);
    // Another team's task is invisible.
    expect(
      (await call(world.service, "POST", `/v1/callbacks/${task!.id}/claim`, await victimWorker())).status,
    ).toBe(404);
  });

  it("closes a task as unreachable by the stop rule, and the referral follows", async () => {
    const { id } = await file(seraingReferral({ persons: [seraingReferral().persons[0]] }));
    const [task] = await queue(await victimWorker());
    const token = await victimWorker();
    const attempt = async (at: string, outcome = "no_answer") => {
      world.clock.set(at);
      expect((await call(world.service, "POST", `/v1/callbacks/${task!.id}/claim`, token)).status).toBe(200);
      return call(
        world.service,
        "POST",
        `/v1/callbacks/${task!.id}/attempts`,
        token,
        { outcome, channel: "phone" },
        { "idempotency-key": at },
      );
    };
    const first = await attempt("2026-11-23T08:10:00Z");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "open", attempts: 1, dueAt: "2026-11-23T10:10:00.000Z" });
    const second = await attempt("2026-11-23T10:15:00Z", "wrong_number");
    // Two failures on Monday: the third attempt waits for Tuesday's window.
    expect(second.body).toMatchObject({ status: "open", dueAt: "2026-11-24T08:00:00.000Z" });
    const third = await attempt("2026-11-24T08:05:00Z");
    expect(third.body).toMatchObject({ status: "closed", outcome: "unreachable", attempts: 3 });
    const closed = (await events("referrals.callback.closed")).map((e) => CallbackClosed.envelope.parse(e));
    expect(closed.map((e) => e.data)).toEqual([
      expect.objectContaining({
        taskId: task!.id,
        team: VICTIMS,
        outcome: "unreachable",
        closedAt: "2026-11-24T08:05:00.000Z",
      }),
    ]);
    const changes = (await events("referrals.referral.status_changed")).map((e) => [e.data.from, e.data.to]);
    expect(changes).toEqual([
      ["received", "contacting"],
      ["contacting", "unreachable"],
    ]);
    const status = await call(world.service, "GET", `/v1/referrals/${id}/status`, await tokens.police());
    expect(status.body).toMatchObject({ status: "unreachable", firstContactAt: null });
  });

  it("enforces the contact rules on attempts and outcomes", async () => {
    await file();
    const [victim] = await queue(await victimWorker());
    const token = await victimWorker();
    const path = `/v1/callbacks/${victim!.id}`;
    const post = (sub: string, body: unknown) =>
      call(world.service, "POST", `${path}/${sub}`, token, body, {
        "idempotency-key": `${sub}-${JSON.stringify(body)}`,
      });
    world.clock.set("2026-11-23T08:30:00Z");
    expect((await post("attempts", { outcome: "no_answer", channel: "phone" })).body.code).toBe(
      "not_claimed",
    );
    await call(world.service, "POST", `${path}/claim`, token);
    // Each refusal names its field and the field's rule (what the console says in fr / nl / en).
    const refusedAs = (answer: {
      body: { code: string; errors?: Array<{ path: string; code: string }> };
    }) => [answer.body.code, ...(answer.body.errors ?? []).map((e) => `${e.path}:${e.code}`)];
    expect(refusedAs(await post("attempts", { outcome: "voicemail_left", channel: "phone" }))).toEqual([
      "voicemail_not_allowed",
      "outcome:voicemail_not_allowed",
    ]);
    expect(refusedAs(await post("attempts", { outcome: "no_answer", channel: "sms" }))).toEqual([
      "channel_not_allowed",
      "channel:channel_not_allowed",
    ]);
    const outside = await post("attempts", {
      outcome: "no_answer",
      channel: "phone",
      at: "2026-11-23T07:00:00Z",
    });
    expect(outside.status).toBe(409);
    expect(refusedAs(outside)).toEqual(["outside_safe_window", "at:outside_safe_windows"]);
    expect(
      refusedAs(
        await post("outcome", { outcome: "declined", declinedBy: "person", reason: "not_interested" }),
      ),
    ).toEqual(["not_reached", "outcome:not_reached"]);
    expect(
      (await post("attempts", { outcome: "reached", channel: "phone", note: "Talked ten minutes" })).status,
    ).toBe(201);
    const wrongGroup = await post("outcome", { outcome: "accepted", group: { kind: "perpetrator" } });
    expect([wrongGroup.status, wrongGroup.body.code]).toEqual([409, "group_kind_not_for_role"]);
  });

  it("records an accepted offer, asks groups for a place, and tells the police only the status", async () => {
    const { id } = await file();
    const [victim] = await queue(await victimWorker());
    const token = await victimWorker();
    world.clock.set("2026-11-23T08:30:00Z");
    const note = "Wants a peer group in Seraing, evenings impossible";
    const accepted = await reachAndClose(victim!.id, token, note, "1", {
      outcome: "accepted",
      group: { kind: "victim_peer" },
    });
    expect(accepted.body).toMatchObject({ status: "closed", outcome: "accepted" });
    const [closed] = await events("referrals.callback.closed");
    expect(CallbackClosed.envelope.parse(closed).data).toMatchObject({
      taskId: victim!.id,
      team: VICTIMS,
      outcome: "accepted",
    });
    const [requested] = await events("referrals.support.requested");
    const support = SupportRequested.envelope.parse(requested).data;
    expect(support).toMatchObject({
      referralId: id,
      role: "victim",
      groupKind: "victim_peer",
      municipality: "Seraing",
    });
    // The name goes to groups sealed for it: not readable in the outbox, nor by notifications.
    expect(JSON.stringify(requested)).not.toContain(victimName);
    expect(world.service.openAs.groups.open(support.sealed!, SupportRequested.type)).toEqual({
      displayName: victimName,
    });
    expect(() => world.service.openAs.notifications.open(support.sealed!, SupportRequested.type)).toThrow();
    const status = await call(world.service, "GET", `/v1/referrals/${id}/status`, await tokens.police());
    expect(status.body).toMatchObject({ status: "in_support", firstContactAt: "2026-11-23T08:30:00.000Z" });
    // A police token never sees names, phone numbers or notes…
    for (const secret of [victimName, victimPhone, authorPhone, note, "Bernard"])
      expect(status.text).not.toContain(secret);
    // …nor another zone's referral, nor the full referral.
    expect(
      (await call(world.service, "GET", `/v1/referrals/${id}/status`, await tokens.police("zone-5300")))
        .status,
    ).toBe(404);
    expect((await call(world.service, "GET", `/v1/referrals/${id}`, await tokens.police())).status).toBe(403);
    expect((await call(world.service, "GET", "/v1/callbacks", await tokens.police())).status).toBe(403);

    // Declined records who and why.
    const [author] = await queue(await authorWorker());
    const authorToken = await authorWorker();
    const declined = await reachAndClose(author!.id, authorToken, "Author refuses", "2", {
      outcome: "declined",
      declinedBy: "person",
      reason: "not_interested",
    });
    expect(declined.body.outcome).toBe("declined");

    // Victim and author teams never see each other's notes; the coordinator sees both.
    const seenByVictims = await call(world.service, "GET", `/v1/referrals/${id}`, token);
    expect(seenByVictims.status).toBe(200);
    expect(seenByVictims.text).toContain(note);
    expect(seenByVictims.text).not.toContain("Author refuses");
    expect(seenByVictims.text).not.toContain(authorPhone);
    const seenByAuthors = await call(world.service, "GET", `/v1/referrals/${id}`, authorToken);
    expect(seenByAuthors.text).toContain("Author refuses");
    expect(seenByAuthors.text).not.toContain(note);
    expect(seenByAuthors.text).not.toContain(victimName);
    const seenByCoordinator = await call(
      world.service,
      "GET",
      `/v1/referrals/${id}`,
      await tokens.coordinator(),
    );
    expect(seenByCoordinator.body.persons[1].task.outcomeDetail).toEqual({
      declinedBy: "person",
      reason: "not_interested",
    });
    const reads = await world.service.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "referral.read"));
    expect(reads).toHaveLength(3);
    // A caseworker of an unrelated team sees nothing at all.
    expect(
      (await call(world.service, "GET", `/v1/referrals/${id}`, await tokens.caseworker(["other-team"])))
        .status,
    ).toBe(404);
  });
});
