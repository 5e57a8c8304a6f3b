// Announcing the call-back tasks again (`POST /v1/oversight/task-announcements`), for a service
// that joined after the REFERRALS stream forgot their openings. The end-to-end proof (housing
// started late on a purged stream) is infra/e2e/late-service.test.ts.
import { CallbackClosed, CallbackOpened } from "@relais/contracts";
import { mintToken, staleTokens } from "@relais/testing";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../src/db/schema.js";
import { authorPhone, seraingReferral, victimName, victimPhone } from "./fixtures.js";
import { call, fileReferral, ORG, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";
const AUTHORS = "vif-ment-fini-authors";
const PATH = "/v1/oversight/task-announcements";

describe("announcing the tasks again", () => {
  // Friday 20 November 2026, 22:00 in Brussels.
  const world = useSeededReferrals("2026-11-20T21:00:00Z");
  const now = () => world.clock.now();
  const coordinator = () => tokens.coordinator();
  const file = (body?: unknown) => fileReferral(world.service, body);

  async function tasksOf(referralId: string) {
    const queue = await call(world.service, "GET", "/v1/callbacks?limit=100", await coordinator());
    return (queue.body.items as Array<{ id: string; referralId: string; role: string }>).filter(
      (t) => t.referralId === referralId,
    );
  }
  /** Closes the author's task of a referral: claimed, reached, declined. */
  async function closeAuthorTask(referralId: string, n: string) {
    const task = (await tasksOf(referralId)).find((t) => t.role === "author")!;
    const worker = await tokens.caseworker([AUTHORS], "worker-a");
    const claimed = await call(world.service, "POST", `/v1/callbacks/${task.id}/claim`, worker);
    expect(claimed.status, claimed.text).toBe(200);
    const attempt = { outcome: "reached", channel: "phone" };
    await call(world.service, "POST", `/v1/callbacks/${task.id}/attempts`, worker, attempt, {
      "idempotency-key": `a${n}`,
    });
    const closed = await call(
      world.service,
      "POST",
      `/v1/callbacks/${task.id}/outcome`,
      worker,
      {
        outcome: "declined",
        declinedBy: "person",
        reason: "not_interested",
      },
      { "idempotency-key": `o${n}` },
    );
    expect(closed.status, closed.text).toBe(201);
    return task.id;
  }
  async function outboxRows() {
    return world.service.database.db.select().from(outbox).orderBy(asc(outbox.seq));
  }
  /** Announces as `token`; returns the answer and the events that answer wrote. */
  async function announce(token: string, body: unknown = {}) {
    const before = (await outboxRows()).length;
    const answer = await call(world.service, "POST", PATH, token, body);
    const rows = (await outboxRows()).slice(before);
    return { ...answer, rows, events: rows.map((row) => JSON.parse(row.payload)) };
  }

  it("announces every open task with its team now, and the tasks closed within the window", async () => {
    const first = await file();
    const oldClosed = await closeAuthorTask(first.id, "1");
    const [firstVictim] = (await tasksOf(first.id)).filter((t) => t.role === "victim");

    world.clock.advance({ days: 40 });
    const unrouted = await file(seraingReferral({ municipality: "Arlon" }));
    const filedAt = now().toISOString();
    const third = await file();
    const recentClosed = await closeAuthorTask(third.id, "3");
    // A coordinator gives the unrouted victim's task to the victims' team five minutes later.
    world.clock.advance({ minutes: 5 });
    const assignedTask = (await tasksOf(unrouted.id)).find((t) => t.role === "victim")!;
    const assigned = await call(
      world.service,
      "POST",
      `/v1/callbacks/${assignedTask.id}/assign`,
      await coordinator(),
      {
        team: VICTIMS,
      },
    );
    expect(assigned.status, assigned.text).toBe(200);

    const announced = await announce(await coordinator());
    expect(announced.status, announced.text).toBe(200);
    // Open: the first victim, both tasks of the unrouted referral, the third victim. Closed within
    // 30 days: the third author only (the first author's closed 40 days ago).
    expect(announced.body).toEqual({ opened: 4, closed: 1 });
    const opened = announced.events
      .filter((event) => event.type === CallbackOpened.type)
      .map((event) => CallbackOpened.envelope.parse(event));
    const closed = announced.events
      .filter((event) => event.type === CallbackClosed.type)
      .map((event) => CallbackClosed.envelope.parse(event));
    expect(announced.events).toHaveLength(5);
    expect(opened.map((e) => e.data.taskId).sort()).toEqual(
      [
        firstVictim!.id,
        ...(await tasksOf(unrouted.id)).map((t) => t.id),
        (await tasksOf(third.id)).find((t) => t.role === "victim")!.id,
      ].sort(),
    );
    expect(opened.every((e) => e.orgId === ORG)).toBe(true);
    // The assigned task under its team now, opened when it was filed: a service that heard of the
    // assignment keeps it, one that heard nothing records the team that holds it.
    const reassigned = opened.find((e) => e.data.taskId === assignedTask.id)!;
    expect(reassigned.data).toMatchObject({ team: VICTIMS, role: "victim", openedAt: filedAt });
    expect(opened.find((e) => e.data.taskId !== assignedTask.id && e.data.role === "author")!.data.team).toBe(
      "coordination",
    );
    expect(closed.map((e) => e.data)).toEqual([
      expect.objectContaining({
        taskId: recentClosed,
        team: AUTHORS,
        outcome: "declined",
        closedAt: filedAt,
      }),
    ]);
    expect(closed[0]!.occurredAt).toBe(filedAt);
    // Task references only: no name or contact leaves with them.
    const written = announced.rows.map((row) => row.payload).join("\n");
    for (const secret of [victimName, victimPhone, authorPhone]) expect(written).not.toContain(secret);

    // A longer window takes the older closing too; repeating writes the same announcements again.
    const wider = await announce(await coordinator(), { closedWithinDays: 60 });
    expect(wider.body).toEqual({ opened: 4, closed: 2 });
    expect(
      wider.events
        .filter((e) => e.type === CallbackClosed.type)
        .map((e) => e.data.taskId)
        .sort(),
    ).toEqual([oldClosed, recentClosed].sort());
    expect((await announce(await coordinator())).body).toEqual({ opened: 4, closed: 1 });

    // An admin may; the audit says who did.
    expect((await announce(await mintToken({ role: "admin", org: ORG }))).status).toBe(200);
    const audit = await call(world.service, "GET", `/v1/audit?recordId=${ORG}`, await coordinator());
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("callback.announce");
  });

  it("announces nothing of another organisation, and refuses the other roles and bad input", async () => {
    await file();
    const elsewhere = await announce(await mintToken({ role: "coordinator", org: "org-other" }));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toEqual({ opened: 0, closed: 0 });
    expect(elsewhere.events).toEqual([]);

    for (const token of [
      await tokens.caseworker([VICTIMS], "worker-v"),
      await tokens.police(),
      await mintToken({ role: "facilitator", org: ORG }),
      await mintToken({ role: "housing_staff", org: ORG }),
    ]) {
      const refused = await announce(token);
      expect(refused.status).toBe(403);
      expect(refused.events).toEqual([]);
    }
    expect((await announce("not-a-token")).status).toBe(401);
    for (const [kind, token] of Object.entries(await staleTokens({ role: "coordinator", org: ORG }))) {
      const stale = await announce(token);
      expect(stale.status, kind).toBe(401);
      expect(stale.events, kind).toEqual([]);
    }

    for (const closedWithinDays of [-1, 366, 1.5, "30"]) {
      const bad = await announce(await coordinator(), { closedWithinDays });
      expect(bad.status, String(closedWithinDays)).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["closedWithinDays"]);
      expect(bad.events).toEqual([]);
    }
    const unknown = await announce(await coordinator(), { closedWithinDays: 30, orgId: "org-other" });
    expect(unknown.status).toBe(400);
    expect(unknown.events).toEqual([]);
  });

  it("announces a history longer than one write batch, each task once", async () => {
    // 260 referrals, 520 tasks: two batches of 500 and 20.
    for (let i = 0; i < 260; i++)
      await file(seraingReferral({ incidentReference: `LI.55.L1.${100000 + i}/26` }));
    const announced = await announce(await coordinator());
    expect(announced.body).toEqual({ opened: 520, closed: 0 });
    const ids = announced.events.map((event) => event.data.taskId);
    expect(new Set(ids).size).toBe(520);
  });
});
