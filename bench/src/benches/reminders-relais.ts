// The Relais side of the reminder fan-out, driven only through the contract: N
// `groups.enrolment.confirmed` events (one group, one session) go onto the GROUPS stream; the
// notifications process sends each person an invite, plans their reminder, and — once the
// reminder is due — its scheduler delivers all N to the sink. Measured from the due time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { ensureStreams } from "@relais/bus";
import { createRecipientSealer, recipientPublicKey } from "@relais/service-kit";
import { enrolmentConfirmed, oneSessionSeries, startNats } from "@relais/testing";
import { connect } from "nats";
import type { BenchContext } from "../lib/figures.js";
import { SEAL_KEYS, startService } from "../lib/services.js";
import type { SinkProcess } from "../lib/sink-client.js";
import type { SinkStats } from "../processes/smtp-sink.js";

export type RelaisReminderResult =
  | { notMeasured: string; invites?: SinkStats }
  | {
      messagesPerSecond: number;
      seconds: number;
      firstArrivalAfterDueMs: number;
      delivered: SinkStats;
      invitesSeconds: number;
    };

const OFFSET_MINUTES = 1;

export async function measureRelaisReminders(
  context: BenchContext,
  sink: SinkProcess,
  count: number,
): Promise<RelaisReminderResult> {
  const dir = await mkdtemp(join(tmpdir(), "relais-bench-reminders-"));
  const nats = await startNats();
  const service = await startService("notifications", {
    root: context.root,
    natsUrl: nats.url,
    dir,
    env: {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_POOL_SIZE: "5",
      REMINDER_OFFSETS_MINUTES: String(OFFSET_MINUTES),
    },
  });
  const connection = await connect({ servers: nats.url });
  try {
    await ensureStreams(await connection.jetstreamManager(), ["GROUPS"], { replicas: 1 });
    // Enough lead for every invite to go out before the reminders fall due, also on a loaded
    // machine: the quick smoke must not fail because CI shares its cores (300 invites took over
    // 5 s at a load average of 15); on a quiet machine the wait is idle time, not measured time.
    const leadMs = context.quick ? 20_000 : Math.max(8_000, count * 9);
    const publishedAt = Date.now();
    const dueAt = publishedAt + leadMs;
    const series = oneSessionSeries("bench", new Date(dueAt + OFFSET_MINUTES * 60_000));
    const js = connection.jetstream();
    // As groups does for a direct enrolment: the address travels sealed for notifications.
    const sealer = createRecipientSealer(recipientPublicKey(SEAL_KEYS.notifications));
    for (let from = 0; from < count; from += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - from) }, (_, offset) => {
          const event = enrolmentConfirmed("bench", from + offset, series, sealer);
          // A loaded machine (CI shares its cores) can take longer than the client's 5 s default
          // to store 500 at once: a publish that timed out would fail the whole figure.
          return js.publish(event.type, JSON.stringify(event), { msgID: event.id, timeout: 60_000 });
        }),
      );
    }
    context.log(
      `  ${count} enrolments published; invites first, reminders due in ${(leadMs / 1000).toFixed(0)} s`,
    );
    const invites = await sink.waitFor(count, Math.max(0, dueAt - Date.now() - 250));
    const invitesSeconds = ((invites.lastAt ?? Date.now()) - publishedAt) / 1000;
    if (invites.count < count) {
      const tables = await tableCounts(service.databasePath);
      context.log(`  notifications' tables: ${JSON.stringify(tables)}\n${service.process.output(20)}`);
      return {
        notMeasured: `only ${invites.count} of ${count} invites reached the sink in the ${(leadMs / 1000).toFixed(0)} s before the reminders fell due (notifications' tables then: ${JSON.stringify(tables)})`,
        invites,
      };
    }
    await sink.clear();
    const delivered = await sink.waitFor(count, 120_000 + count * 20);
    if (delivered.count < count || delivered.lastAt === null || delivered.firstAt === null) {
      return { notMeasured: `only ${delivered.count} of ${count} reminders arrived`, invites: delivered };
    }
    const seconds = (delivered.lastAt - dueAt) / 1000;
    return {
      messagesPerSecond: count / seconds,
      seconds,
      firstArrivalAfterDueMs: delivered.firstAt - dueAt,
      delivered,
      invitesSeconds,
    };
  } finally {
    await connection.close();
    await service.stop();
    await nats.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The session's start as Brussels wall-clock time, as the series snapshot carries it. */
/** What the service had done by then, to say why a run could not be measured. */
async function tableCounts(path: string): Promise<Record<string, unknown>> {
  const client = createClient({ url: `file:${path}` });
  try {
    const counts: Record<string, unknown> = {};
    for (const [table, column] of [
      ["inbox", null],
      ["invites", "status"],
      ["messages", "status"],
      ["reminders", "status"],
      ["dead_letters", null],
    ] as const) {
      const sql = column
        ? `SELECT ${column} AS k, count(*) AS n FROM ${table} GROUP BY ${column}`
        : `SELECT 'all' AS k, count(*) AS n FROM ${table}`;
      counts[table] = await client.execute(sql).then(
        (result) => Object.fromEntries(result.rows.map((row) => [String(row.k), Number(row.n)])),
        (error: Error) => error.message,
      );
    }
    return counts;
  } finally {
    client.close();
  }
}
