// Growth of notifications' reminder claim: the service's own `createReminderScheduler(...).tick()`
// (read-first check, the two claim range scans, and materialising the batch into messages in one
// write transaction) timed in this process against a libSQL file seeded with N reminder rows.
// Imported through the service's public exports (`@relais/notifications`), so a rename in the
// service is a type error here rather than a figure that silently goes unmeasured.
//
// Of the N rows, a fixed "due set" (DUE_ROWS) is what the ticks claim; the rest is what a claim
// must skip: pending reminders of sessions weeks ahead, and done or dropped history. The clock is
// the bench's: before each tick it moves so that exactly one batch more has fallen due, as in a
// steady trickle of reminders, so every tick claims BATCH rows among all the others.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { openDatabase } from "@relais/db";
import { createReminderScheduler, DEFAULT_SETTINGS, migrationsFolder, schema } from "@relais/notifications";
import { createSealedBox } from "@relais/service-kit";
import { oneSessionSeries } from "@relais/testing";
import { sql } from "drizzle-orm";
import { percentile } from "../lib/figures.js";
import { type ColumnExpressions, seedRows } from "../lib/seed.js";

const BATCH = 3;
const WARM_UP_TICKS = 10;
const GROUP = "grp-bench";
const SESSION = "ses-bench";
const ORG = "org-bench";

export interface ClaimMeasurement {
  size: number;
  seedSeconds: number;
  ticks: number;
  batch: number;
  claimedPerTick: number[];
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  messagesQueued: number;
}

export async function measureReminderClaim(
  sizes: number[],
  measuredTicks: number,
  log: (message: string) => void,
): Promise<{ source: string; results: ClaimMeasurement[] } | { notMeasured: string }> {
  const dueRows = (WARM_UP_TICKS + measuredTicks) * BATCH;
  const small = sizes.find((size) => size < dueRows);
  if (small !== undefined) return { notMeasured: `size ${small} is smaller than the due set (${dueRows})` };
  const epoch = Date.parse("2026-12-01T08:00:00.000Z");
  const dir = await mkdtemp(join(tmpdir(), "relais-bench-claim-"));
  const targets: Array<{
    size: number;
    seedSeconds: number;
    database: Awaited<ReturnType<typeof openDatabase>>;
    scheduler: ReturnType<typeof createReminderScheduler>;
    samples: number[];
    claimed: Set<number>;
  }> = [];
  let now = new Date(epoch);
  try {
    for (const size of sizes) {
      // One file per size, each with its own due set.
      const url = `file:${join(dir, `notifications-${size}.db`)}`;
      // Migrations exactly as the service applies them at start.
      (await openDatabase({ url, schema, migrationsFolder })).close();
      const began = performance.now();
      await seedReminders(url, size, dueRows, epoch);
      const seedSeconds = (performance.now() - began) / 1000;
      log(`growth: ${size.toLocaleString("en-GB")} reminders seeded in ${seedSeconds.toFixed(1)} s`);
      const database = await openDatabase({ url, schema });
      const scheduler = createReminderScheduler({
        database,
        box: createSealedBox(randomBytes(32).toString("base64")),
        clock: { now: () => now },
        settings: DEFAULT_SETTINGS,
        batch: BATCH,
      });
      targets.push({ size, seedSeconds, database, scheduler, samples: [], claimed: new Set() });
    }
    // The sizes take turns tick by tick, so a burst of load from elsewhere on the machine falls
    // on all of them alike instead of on whichever size was being measured then.
    for (let tick = 0; tick < WARM_UP_TICKS + measuredTicks; tick++) {
      // Due row j falls due at epoch + j s: this moment makes exactly one more batch due.
      now = new Date(epoch + ((tick + 1) * BATCH - 1) * 1000 + 500);
      for (const target of targets) {
        const started = performance.now();
        const claimed = await target.scheduler.tick();
        const ms = performance.now() - started;
        if (tick < WARM_UP_TICKS) continue;
        target.samples.push(ms);
        target.claimed.add(claimed);
      }
    }
    const results: ClaimMeasurement[] = [];
    for (const target of targets) {
      const queued = await target.database.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM messages`);
      const result: ClaimMeasurement = {
        size: target.size,
        seedSeconds: target.seedSeconds,
        ticks: target.samples.length,
        batch: BATCH,
        claimedPerTick: [...target.claimed],
        p50Ms: percentile(target.samples, 50),
        p99Ms: percentile(target.samples, 99),
        maxMs: Math.max(...target.samples),
        messagesQueued: Number(queued?.n),
      };
      log(
        `  reminder claim at ${target.size.toLocaleString("en-GB")}: p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms over ${result.ticks} ticks (claimed per tick: ${result.claimedPerTick.join(",")})`,
      );
      results.push(result);
    }
    return {
      source: `@relais/notifications createReminderScheduler().tick(), batch ${BATCH}`,
      results,
    };
  } finally {
    for (const target of targets) target.database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Reminder rows [0, size): the first `due` are the due set (pending, due one a second from the
 * epoch, in one group whose session is weeks ahead, each person enrolled); the rest are a third
 * pending for sessions a month and more ahead, a third done and a third dropped (history).
 */
async function seedReminders(url: string, size: number, due: number, epoch: number): Promise<void> {
  const client = createClient({ url });
  try {
    const iso = (ms: number) => new Date(ms).toISOString();
    const at = (base: number, seconds: string) =>
      `strftime('%Y-%m-%dT%H:%M:%fZ', '${iso(base)}', '+' || (${seconds}) || ' seconds')`;
    const isDue = `i < ${due}`;
    const kind = `(i % 3)`;
    const reminder: ColumnExpressions = {
      id: "printf('rem-%08d', i)",
      org_id: `'${ORG}'`,
      group_id: `CASE WHEN ${isDue} THEN '${GROUP}' ELSE 'grp-other-' || (i % 1000) END`,
      session_id: `CASE WHEN ${isDue} THEN '${SESSION}' ELSE 'ses-other-' || (i % 5000) END`,
      person_ref: "printf('prs_bench-%08d', i)",
      channel: "'email'",
      offset_minutes: "120",
      due_at: `CASE WHEN ${isDue} THEN ${at(epoch, "i")}
        WHEN ${kind} = 0 THEN ${at(epoch + 30 * 86_400_000, "i % 2592000")}
        ELSE ${at(epoch - 400 * 86_400_000, "i % 31536000")} END`,
      status: `CASE WHEN ${isDue} OR ${kind} = 0 THEN 'pending' WHEN ${kind} = 1 THEN 'done' ELSE 'dropped' END`,
      lease_until: "NULL",
      reason: `CASE WHEN NOT (${isDue}) AND ${kind} = 2 THEN 'session_cancelled' ELSE NULL END`,
      updated_at: `'${iso(epoch - 86_400_000)}'`,
    };
    const invite: ColumnExpressions = {
      id: "printf('inv-%08d', i)",
      org_id: `'${ORG}'`,
      group_id: `'${GROUP}'`,
      person_ref: "printf('prs_bench-%08d', i)",
      enrolment_id: "printf('enr-%08d', i)",
      uid: "printf('uid-%08d', i)",
      sequence: "0",
      status: "'enrolled'",
      updated_at: `'${iso(epoch - 86_400_000)}'`,
    };
    const startsAt = epoch + 14 * 86_400_000;
    // The series as groups last sent it: one session, 09:00 in Brussels on 15 December.
    const snapshot = oneSessionSeries("bench", new Date(startsAt));
    const tx = await client.transaction("write");
    try {
      await seedRows(tx, "reminders", reminder, 0, size);
      await seedRows(tx, "invites", invite, 0, due);
      await tx.execute({
        sql: "INSERT INTO series (group_id, org_id, sequence, snapshot, updated_at) VALUES (?, ?, 0, ?, ?)",
        args: [GROUP, ORG, JSON.stringify(snapshot), iso(epoch - 86_400_000)],
      });
      await tx.commit();
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}
