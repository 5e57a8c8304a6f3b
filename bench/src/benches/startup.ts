// Start-up and idle memory of each service as users run it (the dist/main.js bundle): time from
// spawn to the first /readyz 200 (migrations, NATS, streams), and RSS once it has sat idle.
// Each start gets a fresh database, so migrations run every time, as on a first deployment.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNats } from "@relais/testing";
import { type Bench, type Figure, measured } from "../lib/figures.js";
import { mebibytes, readMemory } from "../lib/proc-memory.js";
import { type ServiceName, startService } from "../lib/services.js";

const NAMES: ServiceName[] = ["groups", "referrals", "notifications"];
const IDLE_MS = 2_000;

export const startupBench: Bench = {
  name: "startup",
  async run(context) {
    const rounds = context.quick ? 1 : 3;
    const nats = await startNats();
    const dir = await mkdtemp(join(tmpdir(), "relais-bench-startup-"));
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    try {
      for (const name of NAMES) {
        const readyMs: number[] = [];
        const idleMiB: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const began = performance.now();
          const service = await startService(name, {
            root: context.root,
            natsUrl: nats.url,
            dir: join(dir, `${name}-${round}`),
          });
          readyMs.push(performance.now() - began);
          await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
          const memory = await readMemory(service.pid);
          if (memory) idleMiB.push(mebibytes(memory.rssBytes));
          await service.stop();
        }
        // The best round: on a shared machine the slow ones measure the neighbours.
        const ready = Math.min(...readyMs);
        const idle = Math.min(...idleMiB);
        context.log(`  ${name}: ready in ${ready.toFixed(0)} ms, idle RSS ${idle} MiB`);
        details[name] = { readyMs, idleMiB };
        figures.push(
          {
            ...measured({
              key: `startup.${name}.readyMs`,
              label: `${name} start → /readyz`,
              unit: "ms",
              value: ready,
              goal: "≤ 1,500 ms",
            }),
            met: ready <= 1_500,
          },
          {
            ...measured({
              key: `startup.${name}.idleRssMiB`,
              label: `${name} RSS idle`,
              unit: "MiB",
              value: idle,
              goal: "≤ 100 MiB",
            }),
            met: idle <= 100,
          },
        );
      }
      return { name: "startup", figures, details: { rounds, idleMs: IDLE_MS, ...details } };
    } finally {
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
