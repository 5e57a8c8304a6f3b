// The task-refresh job (jobs/task-refresh.ts): an open call-back task's `callback.opened` is
// published again before the REFERRALS stream forgets it, so a service that starts late still
// learns it by replaying the stream; a closed task never is.
import { STREAM_MAX_AGE_DAYS } from "@relais/bus";
import { CallbackOpened } from "@relais/contracts";
import { mintToken } from "@relais/testing";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../src/db/schema.js";
import { REFRESH_AFTER_DAYS, refreshTaskAnnouncements } from "../src/jobs/task-refresh.js";
import { authorPhone, seraingReferral, victimName, victimPhone } from "./fixtures.js";
import { call, fileReferral, ORG, tokens, useSeededReferrals } from "./harness.js";

const AUTHORS = "vif-ment-fini-authors";

const VICTIMS = "vif-ment-fini-victims";

describe("announcing open tasks again before the stream forgets them", () => {
  const world = useSeededReferrals("2026-11-20T21:00:00Z");
  const refresh = () => refreshTaskAnnouncements({ database: world.service.database, clock: world.clock });

  async function tasksOf(referralId: string) {
    const queue = await call(world.service, "GET", "/v1/callbacks?limit=100", await tokens.coordinator());
    return (queue.body.items as Array<{ id: string; referralId: string; role: string; team: string }>).filter(
      (t) => t.referralId === referralId,
    );
  }
  /** The `callback.opened` events a step writes. */
  async function openingsOf(step: () => Promise<unknown>) {
    const rows = () => world.service.database.db.select().from(outbox).orderBy(asc(outbox.seq));
    const before = (await rows()).length;
    await step();
    return (await rows())
      .slice(before)
      .map((row) => JSON.parse(row.payload))
      .filter((event) => event.type === CallbackOpened.type)
      .map((event) => CallbackOpened.envelope.parse(event));
  }

  it("announces each open task again within the stream's age, with its team now, and never a closed one", async () => {
    expect(REFRESH_AFTER_DAYS).toBeLessThan(STREAM_MAX_AGE_DAYS);
    const filed = await fileReferral(world.service);
    const filedAt = world.clock.now().toISOString();
    const authorTask = (await tasksOf(filed.id)).find((t) => t.role === "author")!;
    // A municipality with no route: its tasks wait in the coordinators' queue until one is assigned.
    const unrouted = await fileReferral(world.service, seraingReferral({ municipality: "Arlon" }));
    const queued = (await tasksOf(unrouted.id)).find((t) => t.role === "victim")!;
    // Another organisation's open task is announced too, in its own organisation.
    const elsewhere = await call(
      world.service,
      "POST",
      "/v1/referrals",
      await mintToken({ role: "police", org: "org-other", sub: "zone-5277" }),
      seraingReferral(),
      { "idempotency-key": "elsewhere" },
    );
    expect(elsewhere.status, elsewhere.text).toBe(201);

    // Young tasks: nothing to do.
    world.clock.advance({ days: REFRESH_AFTER_DAYS - 1 });
    expect(await openingsOf(refresh)).toEqual([]);

    // The author's task closes; a coordinator gives the victim's to another team.
    const worker = await tokens.caseworker([AUTHORS], "worker-a");
    await call(world.service, "POST", `/v1/callbacks/${authorTask.id}/claim`, worker);
    await call(
      world.service,
      "POST",
      `/v1/callbacks/${authorTask.id}/attempts`,
      worker,
      { outcome: "reached", channel: "phone" },
      { "idempotency-key": "reached" },
    );
    const closed = await call(
      world.service,
      "POST",
      `/v1/callbacks/${authorTask.id}/outcome`,
      worker,
      { outcome: "declined", declinedBy: "person", reason: "not_interested" },
      { "idempotency-key": "declined" },
    );
    expect(closed.status, closed.text).toBe(201);
    const assigned = await call(
      world.service,
      "POST",
      `/v1/callbacks/${queued.id}/assign`,
      await tokens.coordinator(),
      { team: VICTIMS },
    );
    expect(assigned.status, assigned.text).toBe(200);

    world.clock.advance({ days: 2 });
    const refreshed = await openingsOf(refresh);
    // The assigned task under its team now, opened at its filing (not moved back, not forward).
    expect(refreshed.find((e) => e.data.taskId === queued.id)?.data).toMatchObject({
      team: VICTIMS,
      openedAt: filedAt,
    });
    // This organisation's three open tasks (the routed victim's, the unrouted two), and the other's two.
    expect(refreshed.map((e) => e.orgId).sort()).toEqual([ORG, ORG, ORG, "org-other", "org-other"]);
    expect(refreshed.some((e) => e.data.taskId === authorTask.id)).toBe(false);
    // Events carry task references only, never the person's name or number.
    for (const secret of [victimName, victimPhone, authorPhone])
      expect(JSON.stringify(refreshed)).not.toContain(secret);

    // Announced: not again until half the stream's age has passed once more.
    expect(await openingsOf(refresh)).toEqual([]);
    world.clock.advance({ days: REFRESH_AFTER_DAYS - 1 });
    expect(await openingsOf(refresh)).toEqual([]);
    world.clock.advance({ days: 2 });
    const again = await openingsOf(refresh);
    expect(again.map((e) => e.data.taskId).sort()).toEqual(refreshed.map((e) => e.data.taskId).sort());
  });
});
