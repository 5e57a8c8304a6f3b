import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_PERCENT } from "./heap.js";

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
