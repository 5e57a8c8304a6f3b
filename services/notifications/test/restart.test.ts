// The promise that matters most for reminders: kill the process while 500 are due, start it again,
// and every one arrives — none lost, none sent as two different messages.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { newId } from "@relais/contracts";
import { createSealedBox } from "@relais/service-kit";
import { freePort, spawnService, TEST_JWT_SECRET, tempDatabase, waitFor } from "@relais/testing";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { saveContact } from "../src/db/contacts.js";
import * as schema from "../src/db/schema.js";
import { saveSeries } from "../src/db/series.js";
import { ORG, weeklySeries } from "./fixtures.js";
import { sharedServers } from "./harness.js";
import { NOTIFICATIONS_SEAL } from "./seal-keys.js";

const REMINDERS = 500;
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
const serviceDir = fileURLToPath(new URL("..", import.meta.url));

describe("reminders across a SIGKILL", () => {
  const servers = sharedServers();

  // A worker sends its next message once the last one's outcome is committed (in the WAL, which a
  // killed process keeps), without waiting for the WAL's fsync: the kill tests that committed is
  // enough for a restart, with one connection and with the pool of five the service runs.
  it.each([1, 5])(
    "sends all 500 due reminders exactly once when killed mid-send and restarted (%i SMTP connection(s))",
    async (poolSize) => {
      servers.smtp.clear();
      const key = randomBytes(32).toString("base64");
      const box = createSealedBox(key);
      const database = await tempDatabase({ schema, migrationsFolder });
      try {
        // 500 enrolled people, one session in two hours, and each one's reminder already due.
        const now = new Date();
        const startsAt = DateTime.now().setZone("Europe/Brussels").plus({ hours: 2 }).startOf("minute");
        const series = weeklySeries({
          groupId: "grp-big",
          firstLocal: startsAt.toFormat("yyyy-LL-dd'T'HH:mm:ss"),
          count: 1,
        });
        await database.write(async (tx) => {
          await saveSeries(tx, ORG, series, now.toISOString());
          for (let i = 0; i < REMINDERS; i++) {
            const personRef = `prs_person${String(i).padStart(4, "0")}`;
            await saveContact(
              tx,
              box,
              {
                personRef,
                orgId: ORG,
                role: "participant",
                source: "enrolment",
                sourceId: `enr-${personRef}`,
                language: "fr",
                timeZone: "Europe/Brussels",
                email: `p${i}@example.org`,
                preferences: {
                  channels: ["email"],
                  safeWindows: [],
                  voicemailAllowed: false,
                  discreet: true,
                  doNotContact: false,
                },
              },
              now.toISOString(),
            );
            await tx.insert(schema.invites).values({
              id: newId(),
              orgId: ORG,
              groupId: series.groupId,
              personRef,
              enrolmentId: `enr-${i}`,
              uid: `uid-${i}@relais`,
              sequence: 0,
              status: "enrolled",
              updatedAt: now.toISOString(),
            });
            await tx.insert(schema.reminders).values({
              id: newId(),
              orgId: ORG,
              groupId: series.groupId,
              sessionId: "ses-1",
              personRef,
              channel: "email",
              offsetMinutes: 120,
              dueAt: new Date(now.getTime() - 60_000).toISOString(),
              status: "pending",
              updatedAt: now.toISOString(),
            });
          }
        });

        const port = await freePort();
        const service = await spawnService({
          name: "notifications",
          command: ["node", "--import", "tsx", "src/main.ts"],
          cwd: serviceDir,
          env: {
            PORT: String(port),
            DATABASE_URL: `file:${database.path}`,
            NATS_URL: servers.nats.url,
            JWT_SECRET: TEST_JWT_SECRET,
            DATA_KEY: key,
            SEAL_PRIVATE_KEY: NOTIFICATIONS_SEAL.privateKey,
            SMTP_URL: servers.smtp.url,
            // Small batches, so the kill lands while most are still to go.
            MAIL_POOL_SIZE: String(poolSize),
            SCHEDULER_BATCH: "10",
            SCHEDULER_INTERVAL_MS: "100",
            // A killed process's claims are taken over as soon as its lease ends.
            LEASE_MS: "2000",
            LOG_LEVEL: "warn",
          },
          readyUrl: `http://127.0.0.1:${port}/readyz`,
          // Bounds on hangs, not timings: a restart through tsx on a loaded CI machine took > 30 s.
          timeoutMs: 120_000,
        });
        try {
          await servers.smtp.waitForMessages(50, 120_000);
          await service.kill("SIGKILL");
          const atKill = servers.smtp.messages.length;
          expect(atKill).toBeLessThan(REMINDERS);

          await service.restart();
          // Delivered, and each delivery recorded: the last "sent" commits a moment after SMTP's 250.
          await waitFor(
            async () => {
              if (new Set(servers.smtp.messages.map((m) => m.parsed.messageId)).size < REMINDERS)
                return false;
              const recorded = await database.db.select().from(schema.messages);
              return recorded.length === REMINDERS && recorded.every((row) => row.status === "sent");
            },
            { timeoutMs: 180_000, message: "all reminders delivered and recorded after the restart" },
          );
          const rows = await database.db.select().from(schema.messages);
          expect(rows).toHaveLength(REMINDERS);
          expect(rows.every((row) => row.status === "sent")).toBe(true);
          const reminders = await database.db.select().from(schema.reminders);
          expect(reminders.every((r) => r.status === "done")).toBe(true);

          // Each reminder became exactly one message (one row, one Message-ID) and reached its person.
          const byMessageId = new Map<string, string[]>();
          for (const mail of servers.smtp.messages) {
            const id = mail.parsed.messageId ?? "";
            byMessageId.set(id, [...(byMessageId.get(id) ?? []), ...mail.envelope.to]);
          }
          expect(byMessageId.size).toBe(REMINDERS);
          expect(new Set(rows.map((r) => `<${r.id}@relais.local>`))).toEqual(new Set(byMessageId.keys()));
          const recipients = new Set([...byMessageId.values()].map((to) => to[0]));
          expect(recipients.size).toBe(REMINDERS);
          // SMTP has no two-phase commit: a message the server accepted in the instant before the kill,
          // whose "sent" was not yet committed, is sent again with the same Message-ID (so mail clients
          // show it once). That window is one message per pooled connection at most.
          const resent = servers.smtp.messages.length - REMINDERS;
          // And none went twice before the kill: the killed process itself sent each message once.
          const beforeKill = servers.smtp.messages.slice(0, atKill).map((m) => m.parsed.messageId);
          expect(new Set(beforeKill).size).toBe(atKill);
          expect(resent).toBeLessThanOrEqual(poolSize);
          console.info(
            `restart test (${poolSize} connection(s)): ${atKill} delivered before SIGKILL, ${resent} re-sent with the same Message-ID`,
          );
        } finally {
          await service.stop();
        }
      } finally {
        await database.cleanup();
      }
      // A SIGKILL, a restart and 500 sends: ~26 s on a quiet machine, over 60 s beside a CI run and
      // five other suites (load average 18). The promise is "all, once", not a duration.
    },
    480_000,
  );
});
