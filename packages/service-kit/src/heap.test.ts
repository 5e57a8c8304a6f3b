import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_PERCENT, YOUNG_GENERATION_CAP_BYTES } from "./heap.js";

const HEAP_MODULE = new URL("./heap.ts", import.meta.url).href;

/**
 * The old generation's growing factor V8 applied at a full GC in a fresh node process that calls
 * `tuneHeapGrowth()` at run time, as a service's `startService` does: V8 prints it with
 * --trace-gc-verbose ("[HeapController] Limit: old size: …, new limit: … (1.5)").
 */
function growingFactorAfterTuning(nodeFlags: string[] = []): string | undefined {
  const script = `
    const { tuneHeapGrowth } = await import(${JSON.stringify(HEAP_MODULE)});
    tuneHeapGrowth();
    const live = [];
    for (let i = 0; i < 100000; i++) live.push({ i });
    globalThis.gc();`;
  const run = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      "--trace-gc-verbose",
      "--expose-gc",
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ],
    { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
  );
  expect(run.status, run.stderr).toBe(0);
  return /\[HeapController\] Limit: .*\(([\d.]+)\)/.exec(run.stdout)?.[1];
}

describe("tuneHeapGrowth", () => {
  // Read after every full GC, the flag takes effect when set at run time (unlike the young
  // generation's size): if a node upgrade changed that, peak memory under load would go back up.
  it("makes V8 grow the old generation by a fixed factor from the next full GC on", () => {
    expect(growingFactorAfterTuning()).toBe(String(1 + HEAP_GROWING_PERCENT / 100));
  });

  it("leaves a factor the operator chose with a node flag", () => {
    expect(growingFactorAfterTuning(["--heap-growing-percent=20"])).toBe("1.2");
  });
});

/**
 * The largest young generation (both semi-spaces, bytes) a fresh node process reached while it
 * kept a rotating ~10 MiB of young objects alive, which makes V8 double its semi-spaces up to
 * 2 × 16 MiB. `before` runs first (the bundle's hold) and is followed by a shorter churn, whose
 * largest is `held`; `steer` says whether the process then calls `steerYoungGeneration()`, as
 * `runService` does once it listens.
 */
function largestYoungGeneration(options: { steer: boolean; before?: string; nodeFlags?: string[] }): {
  held: number;
  largest: number;
} {
  const script = `
    const v8 = await import("node:v8");
    ${options.before ?? ""}
    const { steerYoungGeneration } = await import(${JSON.stringify(HEAP_MODULE)});
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
    const ring = new Array(64);
    async function churn(rounds) {
      let largest = 0;
      for (let i = 0; i < rounds; i++) {
        ring[i % ring.length] = Array.from({ length: 2000 }, (_, j) => ({ i, j }));
        // GC entries reach the observer as tasks of the event loop.
        if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
        largest = Math.max(largest, young());
      }
      return largest;
    }
    const held = ${options.before ? "await churn(500)" : "0"};
    if (${options.steer}) steerYoungGeneration();
    console.log(JSON.stringify({ held, largest: await churn(3000) }));`;
  const run = spawnSync(
    process.execPath,
    [...(options.nodeFlags ?? []), "--import", "tsx", "--input-type=module", "-e", script],
    { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("steerYoungGeneration", () => {
  // Read at every resize, the growth factor takes effect when set at run time: if a node upgrade
  // changed that, the young generation would go back to 2 × 16 MiB under load.
  it("keeps the young generation at its cap under allocation that grows it past it", () => {
    expect(largestYoungGeneration({ steer: false }).largest).toBeGreaterThan(YOUNG_GENERATION_CAP_BYTES);
    expect(largestYoungGeneration({ steer: true }).largest).toBe(YOUNG_GENERATION_CAP_BYTES);
  });

  it("lets a young generation held while the bundle loaded grow again, to the cap", () => {
    const { held, largest } = largestYoungGeneration({
      steer: true,
      // What the bundle's banner does (infra/scripts/build-service.ts).
      before: `v8.setFlagsFromString("--semi-space-growth-factor=1");`,
    });
    expect(held).toBeLessThan(YOUNG_GENERATION_CAP_BYTES / 2);
    expect(largest).toBe(YOUNG_GENERATION_CAP_BYTES);
  });

  it("leaves a semi-space maximum the operator chose", () => {
    const { largest } = largestYoungGeneration({ steer: true, nodeFlags: ["--max-semi-space-size=16"] });
    expect(largest).toBeGreaterThan(YOUNG_GENERATION_CAP_BYTES);
  });
});
