import { CallbackOverdue } from "@relais/contracts";
import { openDatabase } from "@relais/db";
import type { ManualClock } from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../src/db/schema.js";
import { outbox, persons, referrals } from "../src/db/schema.js";
import { createCallbackScheduler } from "../src/jobs/callback-scheduler.js";
import { purgeExpired } from "../src/jobs/retention.js";
import { seraingReferral } from "./fixtures.js";
import { call, logger, migrationsFolder, type Service, tokens, useSeededReferrals } from "./harness.js";

describe("due and overdue scheduler", () => {
  let service: Service;
  let clock: ManualClock;
  // Friday 22:00 Brussels.
  useSeededReferrals(
    "2026-11-20T21:00:00Z",
    (started) => {
      ({ service, clock } = started);
    },
    { policy: { retentionDays: 30 } },
  );

  async function subjects() {
    const rows = await service.database.db.select().from(outbox);
    return rows.map((row) => ({ subject: row.subject, payload: JSON.parse(row.payload) }));
  }
  const count = async (subject: string) => (await subjects()).filter((e) => e.subject === subject).length;

  it("emits due when a task falls due and overdue once per task, also after a restart", async () => {
    const filed = await call(service, "POST", "/v1/referrals", await tokens.police(), seraingReferral(), {
      "idempotency-key": "s1",
    });
    expect(filed.status).toBe(201);
    // Friday 22:00: the author (no window) is due now, and the intake announced it with the
    // referral; the victim is due only on Monday 09:00.
    expect(await count("referrals.callback.due")).toBe(1);
    const first = createCallbackScheduler({ database: service.database, clock, logger, owner: "instance-1" });
    await first.tick();
    expect(await count("referrals.callback.due")).toBe(1);
    expect(await count("referrals.callback.overdue")).toBe(0);

    clock.set("2026-11-21T01:00:00Z"); // the author's 4 h SLA has passed
    await first.tick();
    await first.tick();
    expect(await count("referrals.callback.overdue")).toBe(1);
    const [overdue] = (await subjects()).filter((e) => e.subject === "referrals.callback.overdue");
    const event = CallbackOverdue.envelope.parse(overdue!.payload);
    expect(event.data).toMatchObject({
      role: "author",
      team: "vif-ment-fini-authors",
      slaDeadline: "2026-11-21T01:00:00.000Z",
    });
    expect(event.data.teamEmail).toBe("vif-ment-fini-authors@teams.relais.example");
    await first.stop();

    // A second instance on the same database file, as after a restart: nothing is announced twice.
    const reopened = await openDatabase({ url: `file:${service.database.path}`, schema, migrationsFolder });
    const second = createCallbackScheduler({ database: reopened, clock, logger, owner: "instance-2" });
    await second.tick();
    expect(await count("referrals.callback.overdue")).toBe(1);

    clock.set("2026-11-23T11:00:00Z"); // Monday 12:00: the victim fell due at 09:00 and is overdue now
    await second.tick();
    await second.tick();
    expect(await count("referrals.callback.due")).toBe(2);
    expect(await count("referrals.callback.overdue")).toBe(2);
    await second.stop();
    reopened.close();
  });

  it("takes over a task whose scheduler died holding the lease, and announces it once", async () => {
    await call(
      service,
      "POST",
      "/v1/referrals",
      await tokens.police(),
      seraingReferral({ persons: [seraingReferral().persons[1]] }),
      { "idempotency-key": "s2" },
    );
    clock.set("2026-11-21T02:00:00Z");
    const crashed = createCallbackScheduler({
      database: service.database,
      clock,
      logger,
      owner: "crashed",
      leaseMs: 60_000,
    });
    expect(await crashed.claim()).toHaveLength(1); // claimed, then the process "dies" before announcing

    const survivor = createCallbackScheduler({
      database: service.database,
      clock,
      logger,
      owner: "survivor",
      leaseMs: 60_000,
    });
    expect(await survivor.tick()).toBe(0); // the lease still holds
    clock.advance({ seconds: 61 });
    expect(await survivor.tick()).toBe(1);
    expect(await survivor.tick()).toBe(0);
    expect(await count("referrals.callback.due")).toBe(1);
    expect(await count("referrals.callback.overdue")).toBe(1);
  });

  it("purges a settled referral after the retention period and tells the other services", async () => {
    const body = seraingReferral();
    body.persons = body.persons.map((p) => ({ ...p, consent: false })) as never;
    const filed = await call(service, "POST", "/v1/referrals", await tokens.police(), body, {
      "idempotency-key": "s3",
    });
    expect(filed.body.status).toBe("closed");
    const options = { database: service.database, clock, retentionDays: 30 };
    clock.advance({ days: 29 });
    expect(await purgeExpired(options)).toBe(0);
    clock.advance({ days: 2 });
    expect(await purgeExpired(options)).toBe(1);
    expect(await service.database.db.select().from(referrals)).toEqual([]);
    expect(await service.database.db.select().from(persons)).toEqual([]);
    const purged = (await subjects()).filter((e) => e.subject === "referrals.person.purged");
    expect(purged.map((e) => e.payload.data.personRef).sort()).toEqual(
      filed.body.persons.map((p: { personRef: string }) => p.personRef).sort(),
    );
    const gone = await call(service, "GET", `/v1/referrals/${filed.body.id}/status`, await tokens.police());
    expect(gone.status).toBe(404);
    expect(
      await service.database.db.select().from(outbox).where(eq(outbox.subject, "referrals.person.purged")),
    ).toHaveLength(2);
  });
});
