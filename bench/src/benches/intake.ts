// Intake: POST /v1/referrals on the real referrals process (auth, validation, idempotency,
// referral, persons, audit and outbox in one transaction) against a bare Hono + zod + one insert
// endpoint on the same libSQL settings, same autocannon settings, same run.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { freePort, spawnService, startNats } from "@relais/testing";
import {
  type Bench,
  type BenchContext,
  type Figure,
  measured,
  notMeasured,
  round,
  skippedInQuick,
} from "../lib/figures.js";
import { type LoadResult, type OpenLoopResult, runLoad, runOpenLoop } from "../lib/load.js";
import { cpuPerRequest, readCpu } from "../lib/proc-cpu.js";
import { mebibytes, readMemory } from "../lib/proc-memory.js";
import { summariseProfiles } from "../lib/profile-summary.js";
import { freshIdempotencyKey, policeHeaders, referralBody } from "../lib/referral-body.js";
import { type RunningService, type ServiceName, startService } from "../lib/services.js";

const CONNECTIONS = 50;
/** A realistic intake: a busy region's police systems at 50 referrals a second. */
const STEADY_RATE = 50;

export const intakeBench: Bench = {
  name: "intake",
  async run(context) {
    const durationSeconds = context.quick ? 2 : 20;
    const warmUpSeconds = context.quick ? 1 : 3;
    const steadySeconds = context.quick ? 2 : 10;
    const dir = await mkdtemp(join(tmpdir(), "relais-bench-intake-"));
    const nats = await startNats();
    try {
      const headers = await policeHeaders();
      const request = (url: string) => ({
        url: `${url}/v1/referrals`,
        method: "POST" as const,
        headers,
        body: referralBody,
        perRequestHeaders: freshIdempotencyKey,
      });
      const load: Loads = {
        saturate: (url, seconds) =>
          runLoad({ ...request(url), connections: CONNECTIONS, durationSeconds: seconds }),
        steady: (url, seconds) =>
          runOpenLoop({ ...request(url), rate: STEADY_RATE, durationSeconds: seconds }),
      };

      context.log("intake: bare baseline");
      const bare = await measureProcess(
        context,
        "bare",
        async () => {
          const port = await freePort();
          const path = join(dir, "bare.db");
          const child = await spawnService({
            name: "bare-intake",
            command: [process.execPath, "--import", "tsx", "bench/src/processes/bare-intake.ts"],
            cwd: context.root,
            env: { PORT: String(port), DATABASE_URL: `file:${path}` },
            readyUrl: `http://127.0.0.1:${port}/readyz`,
          });
          return { url: `http://127.0.0.1:${port}`, pid: child.pid!, path, stop: () => child.stop() };
        },
        load,
        warmUpSeconds,
        durationSeconds,
        steadySeconds,
      );

      context.log("intake: referrals service");
      const relais = await measureProcess(
        context,
        "referrals",
        async () => {
          const service = await startService("referrals", {
            root: context.root,
            natsUrl: nats.url,
            dir,
            ...(context.profileDir
              ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${context.profileDir}`] }
              : {}),
          });
          return {
            url: service.url,
            pid: service.pid,
            ...(nats.pid === undefined ? {} : { neighbourPid: nats.pid }),
            path: service.databasePath,
            stop: () => service.stop(),
          };
        },
        load,
        warmUpSeconds,
        durationSeconds,
        steadySeconds,
      );

      const baseline = { label: "bare Hono+zod+1 insert", value: bare.load.requestsPerSecond };
      const figures: Figure[] = [
        measured({
          key: "intake.requestsPerSecond",
          label: "intake POST /v1/referrals",
          unit: "req/s",
          value: relais.load.requestsPerSecond,
          baseline,
          goal: "ratio ≥ 0.5, 0 non-2xx",
        }),
        measured({
          key: "intake.p50",
          label: "intake p50",
          unit: "ms",
          value: relais.load.p50Ms,
          baseline: { label: "bare p50", value: bare.load.p50Ms },
        }),
        measured({
          key: "intake.p99",
          label: "intake p99",
          unit: "ms",
          value: relais.load.p99Ms,
          baseline: { label: "bare p99", value: bare.load.p99Ms },
        }),
        measured({
          key: "intake.non2xx",
          label: "intake non-2xx + errors",
          unit: "count",
          value: relais.load.non2xx + relais.load.errors,
          baseline: { label: "bare", value: bare.load.non2xx + bare.load.errors },
          goal: "0",
        }),
        // No answer in the steady phase is no measurement.
        relais.steady.ok2xx > 0 && bare.steady.ok2xx > 0
          ? {
              ...measured({
                key: "intake.steady.p99",
                label: `intake p99 at a steady ${STEADY_RATE} req/s`,
                unit: "ms",
                value: relais.steady.p99Ms,
                baseline: { label: `bare p99 at ${STEADY_RATE} req/s`, value: bare.steady.p99Ms },
                goal: "≤ 20 ms",
              }),
              // An error answers fast: the tail counts only when every request was accepted.
              met: relais.steady.p99Ms <= 20 && relais.steady.non2xx + relais.steady.errors === 0,
            }
          : notMeasured(
              "intake.steady.p99",
              `intake p99 at a steady ${STEADY_RATE} req/s`,
              "ms",
              `no 2xx answer in the steady phase (relais ${relais.steady.ok2xx}, bare ${bare.steady.ok2xx})`,
              "≤ 20 ms",
            ),
      ];
      // The main thread is what limits intake (it runs the JavaScript and libSQL's statements),
      // so its CPU per request is the steadier stand-in for the req/s ratio on a shared machine:
      // an intake ratio of 0.5 is a main thread at most twice the bare endpoint's per request.
      figures.push(
        measured({
          key: "intake.cpuPerRequest.main",
          label: "intake CPU per request, main thread",
          unit: "ms",
          value: relais.cpu.mainMs,
          baseline: { label: "bare, main thread", value: bare.cpu.mainMs },
        }),
        measured({
          key: "intake.cpuPerRequest.process",
          label: "intake CPU per request, whole process",
          unit: "ms",
          value: relais.cpu.processMs,
          baseline: { label: "bare, whole process", value: bare.cpu.processMs },
        }),
        // The service, its nats-server and autocannon share the machine's cores, so req/s is at
        // most cores ÷ this, however the service spread its work over threads or processes.
        measured({
          key: "intake.cpuPerRequest.machine",
          label: "intake CPU per request, service + NATS + autocannon",
          unit: "ms",
          value: relais.cpu.processMs + relais.cpu.natsMs + relais.cpu.generatorMs,
          baseline: { label: "bare, process + autocannon", value: bare.cpu.processMs + bare.cpu.generatorMs },
          note: "cores ÷ value bounds intake req/s, whatever the service runs in parallel",
        }),
      );
      const profile = context.profileDir ? await summariseProfiles(context.profileDir) : undefined;
      for (const summary of profile ?? []) {
        context.log(`  profile ${summary.file} (${summary.totalMs} ms sampled), self time by package:`);
        for (const row of summary.byPackage) context.log(`    ${row.share}%  ${row.name}`);
        context.log("  by function:");
        for (const row of summary.byFunction) context.log(`    ${row.share}%  ${row.name}`);
      }
      context.log("intake: memory of the three services under intake load");
      // --quick skips it: three more service starts would cost a third of its minute.
      const memory = context.quick ? [] : await measureServiceMemory(context, dir, load.saturate, 10);
      if (context.quick)
        figures.push(skippedInQuick("memory.services", "services' RSS idle / under intake", "MiB"));
      for (const service of memory) {
        const idle = measured({
          key: `memory.${service.name}.idle`,
          label: `${service.name} RSS idle`,
          unit: "MiB",
          value: service.idleRssMiB,
          baseline: { label: "bare process idle", value: bare.idleRssMiB },
          goal: "≤ 100 MiB",
        });
        const peak = measured({
          key: `memory.${service.name}.peakUnderIntake`,
          label: `${service.name} peak RSS, intake load`,
          unit: "MiB",
          value: service.peakRssMiB,
          baseline: { label: "bare process peak", value: bare.peakRssMiB },
          goal: "≤ 160 MiB",
        });
        if (idle.value !== null) idle.met = idle.value <= 100;
        if (peak.value !== null) peak.met = peak.value <= 160;
        figures.push(idle, peak);
      }
      const ratio = relais.load.requestsPerSecond / bare.load.requestsPerSecond;
      figures[0]!.met = ratio >= 0.5 && figures[3]!.value === 0;
      figures[3]!.met = figures[3]!.value === 0;
      return {
        name: "intake",
        figures,
        details: {
          connections: CONNECTIONS,
          durationSeconds,
          warmUpSeconds,
          intakeRatio: Math.round(ratio * 1000) / 1000,
          relais: relais.load,
          bare: bare.load,
          cpuPerRequest: { relais: relais.cpu, bare: bare.cpu },
          // Every 2xx must be a row: a bench that loses writes is not measuring intake.
          rowsWritten: { relais: relais.rows, bare: bare.rows },
          memoryAlone: {
            referrals: { idleRssMiB: relais.idleRssMiB, peakRssMiB: relais.peakRssMiB },
            bare: { idleRssMiB: bare.idleRssMiB, peakRssMiB: bare.peakRssMiB },
          },
          memoryTogether: memory,
          ...(profile ? { profile } : {}),
        },
      };
    } finally {
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** The two loads every intake phase runs: as fast as the process answers, and a fixed open-loop rate. */
interface Loads {
  saturate(url: string, seconds: number): Promise<LoadResult>;
  steady(url: string, seconds: number): Promise<OpenLoopResult>;
}

interface Target {
  url: string;
  pid: number;
  /** A process of the target's own that the load also costs (its nats-server). */
  neighbourPid?: number;
  path: string;
  stop(): Promise<unknown>;
}

async function measureProcess(
  context: BenchContext,
  name: string,
  start: () => Promise<Target>,
  load: Loads,
  warmUpSeconds: number,
  durationSeconds: number,
  steadySeconds: number,
) {
  const target = await start();
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = await readMemory(target.pid);
    const warmUp = await load.saturate(target.url, warmUpSeconds);
    // The steady rate first, while nothing queued by the saturating run is still being relayed.
    const steady = await load.steady(target.url, steadySeconds);
    context.log(
      `  ${name} at ${STEADY_RATE}/s: p50 ${steady.p50Ms} ms, p99 ${steady.p99Ms} ms, non-2xx ${steady.non2xx}, errors ${steady.errors}, late sends ${steady.lateSends}`,
    );
    const cpuBefore = await readCpu(target.pid);
    const neighbourBefore = target.neighbourPid === undefined ? null : await readCpu(target.neighbourPid);
    // autocannon runs in this process: its CPU is what the load itself costs the shared machine.
    const generatorBefore = process.cpuUsage();
    const result = await load.saturate(target.url, durationSeconds);
    const generator = process.cpuUsage(generatorBefore);
    const answered = result.ok2xx + result.non2xx;
    const natsMs =
      target.neighbourPid === undefined
        ? 0
        : cpuPerRequest(neighbourBefore, await readCpu(target.neighbourPid), answered).processMs;
    const cpu = {
      ...cpuPerRequest(cpuBefore, await readCpu(target.pid), answered),
      generatorMs:
        answered > 0 ? round((generator.user + generator.system) / 1000 / answered, 3) : Number.NaN,
      natsMs,
    };
    const after = await readMemory(target.pid);
    context.log(
      `  ${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}; CPU per request ${cpu.mainMs} ms main thread, ${cpu.processMs} ms whole process, ${cpu.generatorMs} ms autocannon, ${cpu.natsMs} ms nats-server`,
    );
    await target.stop();
    return {
      load: result,
      cpu,
      steady,
      idleRssMiB: idle ? mebibytes(idle.rssBytes) : Number.NaN,
      peakRssMiB: after ? mebibytes(after.peakRssBytes) : Number.NaN,
      rows: {
        written: await countRows(target.path),
        expected: warmUp.ok2xx + steady.ok2xx + result.ok2xx,
      },
    };
  } catch (error) {
    await target.stop();
    throw error;
  }
}

async function countRows(path: string): Promise<number | null> {
  const client = createClient({ url: `file:${path}` });
  try {
    const result = await client.execute("SELECT count(*) AS n FROM referrals");
    return Number(result.rows[0]?.n);
  } catch {
    return null;
  } finally {
    client.close();
  }
}

/**
 * All three services on one NATS, as deployed: groups and notifications consume the
 * referral.received events intake produces, so their memory under intake load is real too.
 * The NATS is their own, fresh: on the intake phases' server the REFERRALS stream already held
 * every referral filed so far, and "idle" caught groups and notifications consuming thousands of
 * them (112–115 MiB at 1 s, against ~90 on a quiet stream), which is load, not idle.
 */
async function measureServiceMemory(
  context: BenchContext,
  dir: string,
  load: (url: string, seconds: number) => Promise<LoadResult>,
  seconds: number,
) {
  const names: ServiceName[] = ["referrals", "groups", "notifications"];
  const started: RunningService[] = [];
  const nats = await startNats();
  const natsUrl = nats.url;
  try {
    for (const name of names) {
      started.push(await startService(name, { root: context.root, natsUrl, dir: join(dir, "together") }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = await Promise.all(started.map((service) => readMemory(service.pid)));
    const intake = await load(started[0]!.url, seconds);
    // Let the consumers work through what intake published before reading their peaks.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const peak = await Promise.all(started.map((service) => readMemory(service.pid)));
    // Peak RSS grows with throughput (bench/README.md, "Reading peak memory"): say which.
    context.log(`  memory phase: ${intake.requestsPerSecond.toFixed(0)} req/s for ${seconds} s`);
    return started.map((service, index) => ({
      name: service.name,
      idleRssMiB: mebibytes(idle[index]?.rssBytes ?? Number.NaN),
      peakRssMiB: mebibytes(peak[index]?.peakRssBytes ?? Number.NaN),
      intakeRequestsPerSecond: Math.round(intake.requestsPerSecond),
    }));
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await nats.stop();
  }
}
