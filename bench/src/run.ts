// `pnpm bench [--quick] [--only=intake,reminders]`: runs each bench in turn, prints one table and
// writes bench/results/<timestamp>.json with the machine, versions and every figure beside its
// baseline from the same run.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { consoleBench } from "./benches/console.js";
import { crossServiceBench } from "./benches/cross-service.js";
import { growthBench } from "./benches/growth.js";
import { intakeBench } from "./benches/intake.js";
import { recurrenceBench } from "./benches/recurrence.js";
import { reminderBench } from "./benches/reminders.js";
import { startupBench } from "./benches/startup.js";
import type { Bench, BenchContext, BenchResult, Figure } from "./lib/figures.js";
import { describeMachine } from "./lib/machine.js";
import { formatTable } from "./lib/table.js";

const BENCHES: Bench[] = [
  startupBench,
  intakeBench,
  reminderBench,
  recurrenceBench,
  growthBench,
  crossServiceBench,
  consoleBench,
];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const root = resolve(import.meta.dirname, "../..");
const startedAt = new Date();
const context: BenchContext = {
  quick,
  root,
  ...(args.includes("--profile")
    ? { profileDir: join(root, "bench/results/profiles", startedAt.toISOString().replace(/[:.]/g, "-")) }
    : {}),
  log: (message) => process.stderr.write(`${message}\n`),
};

const machine = describeMachine(root);
const results: BenchResult[] = [];
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  const began = performance.now();
  context.log(`▶ ${bench.name}${quick ? " (quick)" : ""}`);
  try {
    results.push(await bench.run(context));
  } catch (error) {
    // One broken bench must not hide the others' figures; it is reported, not guessed.
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    context.log(`  ${bench.name} failed: ${error instanceof Error ? error.stack : reason}`);
    results.push({
      name: bench.name,
      figures: [
        {
          key: `${bench.name}.failed`,
          label: bench.name,
          unit: "",
          value: null,
          notMeasured: `bench failed: ${reason}`,
        },
      ],
    });
  }
  context.log(`  ${bench.name} took ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

const figures = results.flatMap((result) => result.figures);
const ratioOf = (key: string): number | null => figures.find((figure) => figure.key === key)?.ratio ?? null;
const reasonOf = (key: string): string | null =>
  figures.find((figure) => figure.key === key)?.notMeasured ?? null;
const report = {
  startedAt: startedAt.toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
  quick,
  only: only ?? null,
  intakeRatio: ratioOf("intake.requestsPerSecond"),
  reminderRatio: ratioOf("reminders.messagesPerSecond"),
  ...(reasonOf("reminders.messagesPerSecond")
    ? { reminderRatioMissing: reasonOf("reminders.messagesPerSecond") }
    : {}),
  machine,
  figures: Object.fromEntries(figures.map((figure: Figure) => [figure.key, figure])),
  benches: results,
};

const resultsDir = join(root, "bench/results");
await mkdir(resultsDir, { recursive: true });
const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

process.stdout.write(`\n${formatTable(results)}\n\n`);
process.stdout.write(
  `intakeRatio ${report.intakeRatio ?? "—"} · reminderRatio ${report.reminderRatio ?? "—"} · ${report.durationSeconds} s · ${machine.cpuModel} × ${machine.cores}\n`,
);
process.stdout.write(`written ${file}\n`);
// A figure that should have been measured and was not is a broken bench: CI's `--quick` smoke
// fails on it instead of landing a table with holes.
const missing = figures.filter((figure) => figure.notMeasured !== undefined);
for (const figure of missing) process.stderr.write(`not measured: ${figure.label}: ${figure.notMeasured}\n`);
// Child processes are stopped by each bench; pooled sockets must not keep the runner alive.
process.exit(missing.length > 0 ? 1 : 0);
