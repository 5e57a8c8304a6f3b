// A quick, local look at notifications' speed, outside the bench (bench/ is where figures are quoted):
//   npx tsx scripts/probe.ts fanout 2000      N enrolments at once: invites/s, then reminders/s from due time
//   npx tsx scripts/probe.ts latency 50 20    enrolments at 50/s for 20 s: enrolment → invite at the sink
// Add `--prof` to write a V8 CPU profile of the service to .data/prof/, `--output` to print its log;
// PROBE_MAIN=<path to main.ts> probes another copy, PROBE_NODE_ARGS adds node flags. The service
// runs as a real process (its main.ts) on its own nats-server; the SMTP sink and nodemailer's
// baseline run in this process, so the bench (sink in its own process) is where figures are quoted.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { ensureStreams } from "@relais/bus";
import type { SeriesSnapshot } from "@relais/contracts";
import { createRecipientSealer, generateRecipientKeyPair } from "@relais/service-kit";
import {
  enrolmentConfirmed,
  freePort,
  oneSessionSeries,
  spawnService,
  startNats,
  startSmtpSink,
  TEST_JWT_SECRET,
  waitFor,
} from "@relais/testing";
import { connect } from "nats";
import nodemailer from "nodemailer";

const [mode = "fanout", a, b] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const profile = process.argv.includes("--prof");
const root = resolve(import.meta.dirname, "../../..");
const OFFSET_MINUTES = 1;

const dir = await mkdtemp(join(tmpdir(), "notifications-probe-"));
const nats = await startNats();
const sink = await startSmtpSink();
const arrivals = new Map<string, number>();
const push = sink.messages.push.bind(sink.messages);
sink.messages.push = (...items) => {
  for (const item of items) arrivals.set(item.envelope.to.join(","), Date.now());
  return push(...items);
};
const sealKeys = generateRecipientKeyPair();
const sealer = createRecipientSealer(sealKeys.publicKey);
const port = await freePort();
const service = await spawnService({
  name: "notifications",
  command: [
    process.execPath,
    ...(process.env.PROBE_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${join(root, "services/notifications/.data/prof")}`] : []),
    "--import",
    "tsx",
    process.env.PROBE_MAIN ?? "services/notifications/src/main.ts",
  ],
  cwd: root,
  env: {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, "notifications.db")}`,
    NATS_URL: nats.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: "warn",
    DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    SEAL_PRIVATE_KEY: sealKeys.privateKey,
    SMTP_URL: sink.url,
    MAIL_POOL_SIZE: "5",
    REMINDER_OFFSETS_MINUTES: String(OFFSET_MINUTES),
  },
  readyUrl: `http://127.0.0.1:${port}/readyz`,
  timeoutMs: 30_000,
});
const connection = await connect({ servers: nats.url });
const js = connection.jetstream();
await ensureStreams(await connection.jetstreamManager(), ["GROUPS"], { replicas: 1 });

function publish(index: number, series: SeriesSnapshot) {
  const event = enrolmentConfirmed("probe", index, series, sealer);
  return js.publish(event.type, JSON.stringify(event), { msgID: event.id });
}

/** How many messages the sink holds once it has `count`, or when `timeoutMs` is up (a probe reports, it does not fail). */
async function until(count: number, timeoutMs: number): Promise<number> {
  await waitFor(() => sink.messages.length >= count, {
    timeoutMs: Math.max(0, timeoutMs),
    intervalMs: 20,
  }).catch(() => undefined);
  return sink.messages.length;
}

async function tables(): Promise<string> {
  const client = createClient({ url: `file:${join(dir, "notifications.db")}` });
  try {
    const counts: string[] = [];
    for (const [table, column] of [
      ["inbox", "'all'"],
      ["messages", "status"],
      ["reminders", "status"],
      ["outbox", "sent_at IS NULL"],
    ]) {
      const result = await client.execute(`SELECT ${column} AS k, count(*) AS n FROM ${table} GROUP BY 1`);
      counts.push(`${table} ${result.rows.map((row) => `${row.k}:${row.n}`).join(" ")}`);
    }
    return counts.join(" | ");
  } catch (error) {
    return String(error);
  } finally {
    client.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** nodemailer's own pooled rate to the same sink, the bench's baseline. */
async function baseline(count: number): Promise<number> {
  const transport = nodemailer.createTransport({
    url: sink.url,
    pool: true,
    maxConnections: 5,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    const send = (n: number, tag: string) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          transport.sendMail({
            from: "Relais <noreply@relais.test>",
            to: `base-${tag}-${i}@probe.test`,
            subject: `Rappel (${tag} ${i})`,
            text: "Bonjour,\n\nVotre séance a lieu demain à 18:00.",
          }),
        ),
      );
    await send(Math.min(count, 500), "warm");
    const started = performance.now();
    await send(count, "measured");
    return count / ((performance.now() - started) / 1000);
  } finally {
    transport.close();
    sink.clear();
    arrivals.clear();
  }
}

try {
  if (mode === "fanout") {
    const count = Number(a ?? 2_000);
    console.log(`baseline: nodemailer pooled (5) ${(await baseline(count)).toFixed(0)} msg/s`);
    const leadMs = Math.max(8_000, count * 9);
    const publishedAt = Date.now();
    const dueAt = publishedAt + leadMs;
    const series = oneSessionSeries("probe", new Date(dueAt + OFFSET_MINUTES * 60_000));
    for (let from = 0; from < count; from += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, count - from) }, (_, i) => publish(from + i, series)),
      );
    const invites = await until(count, dueAt - Date.now() - 250);
    const lastInvite = Math.max(...arrivals.values());
    console.log(
      `invites: ${invites}/${count} in ${((lastInvite - publishedAt) / 1000).toFixed(1)} s = ${(invites / ((lastInvite - publishedAt) / 1000)).toFixed(0)}/s`,
    );
    console.log(`  tables then: ${await tables()}`);
    sink.clear();
    arrivals.clear();
    const delivered = await until(count, 60_000 + count * 20);
    const times = [...arrivals.values()];
    const last = Math.max(...times);
    const recipients = new Set(sink.messages.map((m) => m.envelope.to.join(",")));
    const ids = new Set(sink.messages.map((m) => m.parsed.messageId));
    console.log(
      `reminders: ${delivered}/${count} (${recipients.size} recipients, ${ids.size} Message-IDs), first +${Math.min(...times) - dueAt} ms, last +${last - dueAt} ms after due = ${(count / ((last - dueAt) / 1000)).toFixed(0)} msg/s`,
    );
  } else {
    const rate = Number(a ?? 50);
    const seconds = Number(b ?? 20);
    const series = oneSessionSeries("probe", new Date(Date.now() + 7 * 24 * 3_600_000));
    const sentAt = new Map<string, number>();
    const total = rate * seconds;
    const started = performance.now();
    for (let index = 0; index < total; index++) {
      const wait = started + (index * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sentAt.set(`person-${index}@probe.test`, Date.now());
      void publish(index, series);
    }
    await until(total, 30_000);
    // The first second warms the JIT; it is left out as the bench's warm-up would.
    const latencies = [...sentAt]
      .slice(rate)
      .map(([to, at]) => (arrivals.get(to) ?? Number.POSITIVE_INFINITY) - at);
    console.log(
      `invites: ${sink.messages.length}/${total}; latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms`,
    );
  }
} finally {
  if (process.argv.includes("--output")) console.log(service.output(60));
  await connection.close();
  await service.stop();
  await sink.close();
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
}
