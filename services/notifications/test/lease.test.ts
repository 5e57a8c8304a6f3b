// A batch slower than its lease: the rows of it that a later claim takes over are sent by that
// claim alone. Before, the worker went on through its old batch and a refill claimed the lapsed
// rows again, so a slow SMTP server (or a loaded machine) got the same message twice.
import { type NatsProcess, type SmtpSink, startNats, startSmtpSink, waitFor } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../src/db/schema.js";
import { enrolled, weeklySeries } from "./fixtures.js";
import { startNotifications } from "./harness.js";

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

  it("sends every message once, leaving a row whose lease ran short to the next claim", async () => {
    const service = await startNotifications(nats, { smtp, leaseMs: 600, batch: 10, concurrency: 1 });
    try {
      const series = weeklySeries({ groupId: "grp-lease", firstLocal: "2026-12-15T18:00:00" });
      const people = Array.from({ length: 6 }, (_, i) => ({
        personRef: `prs_leasetest${i}`,
        email: `lease${i}@example.org`,
      }));
      await service.publish(...people.map((person) => enrolled(series, person)));
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
    } finally {
      await service.stop();
    }
  });
});
