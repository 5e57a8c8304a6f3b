// A batch slower than its lease. Its rows are sent once each, by the claim that took them: their
// leases are renewed while the batch goes out, so no row waits for its lease to lapse and a later
// claim. (Before the renewal, every row past half its lease was left to the next claim, a lease
// later: the reminder fan-out crawled at ~2 messages/s on a loaded machine, logging "lease ran
// short" for most of a batch. Before that, the worker went on through its old batch and a refill
// claimed the lapsed rows again, so a slow SMTP server got the same message twice.)
import { type NatsProcess, type SmtpSink, startNats, startSmtpSink, waitFor } from "@relais/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueMessages, renewLeases } from "../src/db/message-leases.js";
import { messages } from "../src/db/schema.js";
import { enrolled, weeklySeries } from "./fixtures.js";
import { type Notifications, startNotifications } from "./harness.js";

/** Enrols `count` people in one weekly group (`grp-<tag>`), each with an address of their own. */
async function enrolPeople(service: Notifications, tag: string, count: number) {
  const series = weeklySeries({ groupId: `grp-${tag}`, firstLocal: "2026-12-15T18:00:00" });
  const people = Array.from({ length: count }, (_, i) => ({
    personRef: `prs_${tag}test${i}`,
    email: `${tag}${i}@example.org`,
  }));
  await service.publish(...people.map((person) => enrolled(series, person)));
  return people;
}

describe("a slow provider and a short lease", () => {
  let nats: NatsProcess;
  let smtp: SmtpSink;
  beforeAll(async () => {
    nats = await startNats();
    // Each message takes 250 ms to be accepted; the lease is 600 ms: a batch of six outlives it.
    smtp = await startSmtpSink({ acceptDelayMs: 250 });
  });
  afterAll(async () => {
    await smtp.close();
    await nats.stop();
  });

  it("sends every message once, in ceil(N / batch) claims, renewing the leases of a slow batch", async () => {
    const logged: Array<{ msg?: string }> = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    // Batches of four: the first takes a second to go out, its lease 600 ms.
    const service = await startNotifications(nats, { smtp, logger, leaseMs: 600, batch: 4, concurrency: 1 });
    try {
      const people = await enrolPeople(service, "lease", 6);
      await waitFor(
        async () => {
          await service.deliver();
          const rows = await service.database.db.select().from(messages);
          return rows.length === people.length && rows.every((row) => row.status === "sent");
        },
        { timeoutMs: 30_000, intervalMs: 200, message: "every invite sent" },
      );
      const byRecipient = new Map<string, number>();
      for (const mail of smtp.messages) {
        const to = mail.envelope.to[0] ?? "";
        byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      }
      expect(byRecipient.size).toBe(people.length);
      expect([...byRecipient.values()].every((count) => count === 1)).toBe(true);
      expect(smtp.messages).toHaveLength(people.length);
      // Each row was claimed once (a claim counts an attempt): two claims for six rows, none
      // taken over, none left to a later claim.
      const rows = await service.database.db.select().from(messages);
      expect(rows.map((row) => row.attempts)).toEqual(people.map(() => 1));
      expect(logged.filter((entry) => entry.msg?.includes("lease ran short"))).toEqual([]);
    } finally {
      await service.stop();
    }
  });

  it("never takes over its own row still on the wire once that send outlasts the row's lease", async () => {
    // One message takes 2 s to be accepted, its lease 600 ms; the other worker goes on sending
    // (250 ms each) and claiming one row at a time, and its claims after 600 ms find the slow
    // row's lease lapsed. Taking it over would send it a second time: it is this process's own
    // send, whose outcome comes when the server answers (the outcome no longer waits for the
    // other workers', so the pool no longer moves in lock step and such claims do happen).
    const slow = await startSmtpSink({
      acceptDelayFor: (to) => (to === "slowest@example.org" ? 2_000 : 250),
    });
    const service = await startNotifications(nats, { smtp: slow, leaseMs: 600, batch: 1, concurrency: 2 });
    try {
      const series = weeklySeries({ groupId: "grp-onwire", firstLocal: "2026-12-15T18:00:00" });
      const first = { personRef: "prs_onwireslow", email: "slowest@example.org" };
      const others = Array.from({ length: 5 }, (_, i) => ({
        personRef: `prs_onwiretest${i}`,
        email: `onwire${i}@example.org`,
      }));
      // The slow one first, so its invite is the first claimed.
      await service.publish(enrolled(series, first));
      await service.publish(...others.map((person) => enrolled(series, person)));
      await service.deliver();
      await waitFor(
        async () => {
          const rows = await service.database.db.select().from(messages);
          return rows.length === 6 && rows.every((row) => row.status === "sent");
        },
        { timeoutMs: 30_000, intervalMs: 200, message: "every invite sent" },
      );
      const recipients = slow.messages.map((mail) => mail.envelope.to[0]);
      expect(recipients.filter((to) => to === first.email)).toHaveLength(1);
      expect(new Set(recipients).size).toBe(6);
      expect(recipients).toHaveLength(6);
    } finally {
      await service.stop();
      await slow.close();
    }
  });

  it("renews a lease only while it is still the claim's own: a row taken over stays the newer claim's", async () => {
    const service = await startNotifications(nats, { smtp });
    try {
      const people = await enrolPeople(service, "renew", 3);
      const leaseMs = 1_000;
      const start = new Date(Date.now() + 60_000);
      const first = await claimDueMessages(service.database, { now: start, leaseMs, batch: 10 });
      expect(first).toHaveLength(people.length);
      // The first claim's lease lapses; a second claim takes one row over.
      const later = new Date(start.getTime() + leaseMs + 1);
      const second = await claimDueMessages(service.database, { now: later, leaseMs, batch: 1 });
      expect(second).toHaveLength(1);
      const takenOver = second[0]!;

      const renewed = await renewLeases(service.database, first, { now: later, leaseMs });
      expect([...renewed.ids].sort()).toEqual(
        first
          .map((row) => row.id)
          .filter((id) => id !== takenOver.id)
          .sort(),
      );
      const rows = await service.database.db.select().from(messages);
      const leaseOf = new Map(rows.map((row) => [row.id, row.leaseUntil]));
      expect(leaseOf.get(takenOver.id)).toBe(takenOver.leaseUntil);
      for (const id of renewed.ids) expect(leaseOf.get(id)).toBe(renewed.leaseUntil);
      // The newer claim renews its own row.
      const own = await renewLeases(service.database, second, { now: later, leaseMs: 2 * leaseMs });
      expect([...own.ids]).toEqual([takenOver.id]);
    } finally {
      await service.stop();
    }
  });
});
