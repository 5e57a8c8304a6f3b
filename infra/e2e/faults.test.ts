// Faults with the real parts: the broker killed during a burst of referrals. Nothing accepted
// with a 2xx may be lost or applied twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, subjectMessages, until } from "./flow.js";
import { send, tokenFor } from "./http.js";
import { type Stack, startStack } from "./stack.js";

function referral(i: number) {
  return {
    policeZone: "5277 Seraing/Neupré",
    incidentReference: `LI.55.L1.${String(i).padStart(6, "0")}/26`,
    incidentAt: "2026-11-20T22:10:00+01:00",
    kind: "partner",
    riskLevel: (["high", "medium", "low"] as const)[i % 3],
    childrenPresent: i % 2 === 0,
    municipality: "Seraing",
    persons: [
      {
        role: "victim",
        consent: true,
        language: "fr",
        contact: { phone: `+3247${String(i).padStart(7, "0")}` },
      },
      {
        role: "author",
        consent: true,
        language: "nl",
        contact: { phone: `+3248${String(i).padStart(7, "0")}` },
      },
    ],
  };
}

describe("faults", () => {
  let stack: Stack;
  beforeAll(async () => {
    // Quick scheduler ticks, so the 1,000 call-back tasks fall due and are announced in seconds.
    stack = await startStack({ env: { SCHEDULER_INTERVAL_MS: "250" } });
  }, 120_000);
  afterAll(() => stack?.stop(), 60_000);

  it("loses and duplicates nothing when nats-server is SIGKILLed during a burst of 500 referrals", async () => {
    const token = await tokenFor("police");
    const url = `${stack.services.referrals.url}/v1/referrals`;
    const total = 500;
    const statuses: number[] = [];
    let next = 0;
    let killed: Promise<void> | undefined;
    async function worker() {
      while (next < total) {
        const i = next++;
        if (i === 100) killed = stack.nats.kill();
        const answer = await send(url, {
          method: "POST",
          token,
          headers: { "content-type": "application/json", "idempotency-key": `burst-${i}` },
          body: JSON.stringify(referral(i)),
        });
        statuses.push(answer.status);
      }
    }
    const burstStarted = Date.now();
    await Promise.all(Array.from({ length: 20 }, worker));
    const burstMs = Date.now() - burstStarted;
    await killed;
    // Writes never failed because the broker was down.
    expect(statuses.filter((s) => s === 201)).toHaveLength(total);

    await stack.nats.restart();
    const restarted = Date.now();
    const referralsDb = stack.services.referrals.databasePath;
    await until(
      "outbox drained",
      async () => (await count(referralsDb, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")) === 0,
      60_000,
    );
    const received = "SELECT count(*) FROM inbox WHERE consumer = ?";
    await until(
      "groups and notifications consumed every referral",
      async () =>
        (await count(stack.services.groups.databasePath, received, ["groups-referral-received"])) === total &&
        (await count(stack.services.notifications.databasePath, received, [
          "notifications-referral-received",
        ])) === total,
      60_000,
    );

    expect(await count(referralsDb, "SELECT count(*) FROM referrals")).toBe(total);
    // JetStream deduplicated every republished event: one message per referral.
    expect(await subjectMessages(stack.nats.url, "REFERRALS", "referrals.referral.received")).toBe(total);
    expect(await count(stack.services.notifications.databasePath, "SELECT count(*) FROM contacts")).toBe(
      total * 2,
    );
    expect(await count(stack.services.groups.databasePath, "SELECT count(*) FROM separations")).toBe(
      total * 2,
    );

    // Every contactable person got exactly one call-back task.
    const people = total * 2;
    expect(await count(referralsDb, "SELECT count(*) FROM persons WHERE no_task_reason IS NULL")).toBe(
      people,
    );
    expect(await count(referralsDb, "SELECT count(*) FROM callback_tasks")).toBe(people);
    expect(
      await count(
        referralsDb,
        `SELECT count(*) FROM persons p
         WHERE (SELECT count(*) FROM callback_tasks t WHERE t.person_ref = p.person_ref) <> 1`,
      ),
    ).toBe(0);
    // Each task falls due at once (no safe windows): its due alert is announced once, published
    // once and turned into one delivery-log row (suppressed: the e2e organisation's unrouted
    // municipality has no team address).
    const dueApplied = "SELECT count(*) FROM inbox WHERE consumer = 'notifications-callback-due'";
    await until(
      "every due alert announced and consumed",
      async () =>
        (await count(referralsDb, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")) === 0 &&
        (await count(stack.services.notifications.databasePath, dueApplied)) === people,
      60_000,
    );
    expect(
      await count(referralsDb, "SELECT count(*) FROM callback_tasks WHERE due_notified_at IS NULL"),
    ).toBe(0);
    expect(await subjectMessages(stack.nats.url, "REFERRALS", "referrals.callback.due")).toBe(people);
    expect(
      await count(
        stack.services.notifications.databasePath,
        "SELECT count(*) FROM messages WHERE template = 'callback_due'",
      ),
    ).toBe(people);
    for (const service of Object.values(stack.services)) {
      expect(await count(service.databasePath, "SELECT count(*) FROM dead_letters"), service.name).toBe(0);
    }
    let eventsApplied = 0;
    for (const service of Object.values(stack.services)) {
      eventsApplied += await count(service.databasePath, "SELECT count(*) FROM inbox");
    }
    console.info(
      "[faults] nats-server SIGKILL burst",
      JSON.stringify({
        referrals: total,
        tasks: people,
        eventsApplied,
        burstMs,
        recoveryMs: Date.now() - restarted,
      }),
    );
  }, 420_000);
});
