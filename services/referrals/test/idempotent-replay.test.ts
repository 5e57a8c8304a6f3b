import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callbackAttempts, referrals } from "../src/db/schema.js";
import { seraingReferral } from "./fixtures.js";
import { call, fileReferral, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";
const AUTHORS = "vif-ment-fini-authors";

describe("idempotent replays and authorisation", () => {
  // Monday 23 November 2026, 09:30 in Brussels: inside the victim's safe window.
  const world = useSeededReferrals("2026-11-23T08:30:00Z");

  const count = async (table: typeof referrals | typeof callbackAttempts) =>
    Number((await world.service.database.db.select({ n: sql<number>`count(*)` }).from(table))[0]?.n);

  it("refuses the author team that sends the victim team's exact attempt, and replays it to the victim team", async () => {
    await fileReferral(world.service);
    const queue = await call(
      world.service,
      "GET",
      "/v1/callbacks",
      await tokens.caseworker([VICTIMS], "worker-v"),
    );
    const task = queue.body.items[0] as { id: string; role: string };
    expect(task.role).toBe("victim");
    const victimWorker = await tokens.caseworker([VICTIMS], "worker-v");
    expect((await call(world.service, "POST", `/v1/callbacks/${task.id}/claim`, victimWorker)).status).toBe(
      200,
    );

    const attempt = { outcome: "no_answer", channel: "phone" };
    const path = `/v1/callbacks/${task.id}/attempts`;
    const first = await call(world.service, "POST", path, victimWorker, attempt, {
      "idempotency-key": "att-1",
    });
    expect(first.status).toBe(201);

    // Same key, same body, same task, from the other team (and from a worker of no team of it).
    for (const intruder of [
      await tokens.caseworker([AUTHORS], "worker-a"),
      await tokens.caseworker(["somewhere-else"], "worker-x"),
    ]) {
      const stolen = await call(world.service, "POST", path, intruder, attempt, {
        "idempotency-key": "att-1",
      });
      expect(stolen.status).toBe(404);
      expect(stolen.replayed).toBe(false);
      expect(stolen.body.code).toBe("not_found");
      expect(stolen.body).not.toHaveProperty("attempts");
    }
    const outcome = { outcome: "referred_elsewhere", to: "CAW" };
    const refusedOutcome = await call(
      world.service,
      "POST",
      `/v1/callbacks/${task.id}/outcome`,
      await tokens.caseworker([AUTHORS], "worker-a"),
      outcome,
      { "idempotency-key": "att-1" },
    );
    expect(refusedOutcome.status).toBe(404);

    // The victim team's own retry gets the first answer, and the attempt stays one.
    const retry = await call(world.service, "POST", path, victimWorker, attempt, {
      "idempotency-key": "att-1",
    });
    expect([retry.status, retry.replayed]).toEqual([201, true]);
    expect(retry.body).toEqual(first.body);
    expect(await count(callbackAttempts)).toBe(1);
  });

  it("gives police of another zone their own referral, never the first zone's id and personRefs", async () => {
    const body = seraingReferral();
    // Both zones send the same body under the same key, twice.
    const fileAs = async (zone: string) =>
      call(world.service, "POST", "/v1/referrals", await tokens.police(zone), body, {
        "idempotency-key": "shared-key",
      });
    const mine = await fileAs("zone-5277");
    expect(mine.status).toBe(201);
    const theirs = await fileAs("zone-5300");
    expect(theirs.status).toBe(201);
    expect(theirs.replayed).toBe(false);
    expect(theirs.body.id).not.toBe(mine.body.id);
    for (const person of mine.body.persons as Array<{ personRef: string }>)
      expect(theirs.text).not.toContain(person.personRef);
    expect(theirs.text).not.toContain(mine.body.id);
    // Each zone's retry replays its own answer; two referrals in all.
    const again = await fileAs("zone-5300");
    expect([again.replayed, again.body]).toEqual([true, theirs.body]);
    const mineAgain = await fileAs("zone-5277");
    expect([mineAgain.replayed, mineAgain.body]).toEqual([true, mine.body]);
    expect(await count(referrals)).toBe(2);
    // And the other zone still cannot read the first one's status.
    const status = await call(
      world.service,
      "GET",
      `/v1/referrals/${mine.body.id}/status`,
      await tokens.police("zone-5300"),
    );
    expect(status.status).toBe(404);
  });
});
