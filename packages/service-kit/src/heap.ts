// How far V8 lets the old generation grow past what the last full GC left alive (issue 15).
//
// By default V8 picks a growing factor of up to 4× from its GC and mutator speeds. A service
// answering hundreds of requests a second promotes garbage from the young generation fast, so
// its old space grew from ~17 MiB to 50–90 MiB between two full GCs, and peak RSS under intake
// with it (referrals 175–195 MiB, goal ≤ 160), although what stays alive is ~20 MiB. A fixed
// factor of 1.5 starts the next full GC sooner; marking is incremental and mostly concurrent, so
// it costs a little CPU, not pauses (bench/README.md, "Reading peak memory").
//
// Unlike the young generation's size (`--max-semi-space-size`, read once when the heap is set up),
// this flag is read after every full GC, so the bundle sets it itself: `node dist/main.js` runs
// with it, in production as in the bench, with nothing to add to the start command.
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { isMainThread } from "node:worker_threads";

export const HEAP_GROWING_PERCENT = 50;
const FLAG = "--heap-growing-percent";

/** Whether the operator set this V8 flag on the command line (`node --flag=… dist/main.js`). */
function operatorChose(flag: string, execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.replaceAll("_", "-").startsWith(flag));
}

/**
 * Sets V8's heap growing factor unless the operator chose one on the command line
 * (`node --heap-growing-percent=… dist/main.js`; node refuses it in NODE_OPTIONS).
 * Returns the percent it set, or undefined when it left the operator's.
 */
export function tuneHeapGrowth(execArgv: readonly string[] = process.execArgv): number | undefined {
  if (operatorChose(FLAG, execArgv)) return undefined;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}

// The young generation's size (issue 15). V8 doubles the semi-spaces whenever scavenges find
// many survivors, up to 2 × 16 MiB, and shrinks them only when a full GC finds the service idle.
// - While a service loads: evaluating a ~1.5 MB bundle and running migrations makes objects that
//   live for good (modules, schemas, prepared statements), and a service came up with 2 × 8 MiB
//   it filled once and then idled with. Those objects belong in the old generation anyway:
//   promoted from the initial semi-spaces they cost a few more scavenges at start. The bundle's
//   first line holds the growth factor at 1 (the banner in infra/scripts/build-service.ts: it
//   must run before any bundled module is evaluated).
// - Under load: 2 × 8 MiB instead of 2 × 16 took referrals' peak RSS under intake from 147–149 to
//   137–138 MiB (three services, 160–360 req/s), the old generation 25 → 29 MiB.
// V8 reads the young generation's maximum (`--max-semi-space-size`) once, when the heap is set up,
// but the growth factor at every resize: `steerYoungGeneration` sets the factor after each GC,
// 2 (V8's own) below the cap and 1 at it, so `node dist/main.js` needs no flag.
const GROWTH_FLAG = "--semi-space-growth-factor";
const MAX_SEMI_SPACE_FLAG = "--max-semi-space-size";
/** Both semi-spaces together, as `v8.getHeapSpaceStatistics()` reports `new_space`. */
export const YOUNG_GENERATION_CAP_BYTES = 16 * 1024 * 1024;

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
}

/**
 * From the service's start on: lets the young generation grow again after the bundle held it,
 * up to `YOUNG_GENERATION_CAP_BYTES`. A growth factor or semi-space maximum the operator chose
 * wins (`node --max-semi-space-size=N dist/main.js`). Only the main thread steers: V8's flags
 * are the whole process's. Returns the stop function (tests).
 */
export function steerYoungGeneration(execArgv: readonly string[] = process.execArgv): () => void {
  if (!isMainThread || operatorChose(GROWTH_FLAG, execArgv)) return () => {};
  let factor: number | undefined;
  const steer = () => {
    const next = youngGenerationBytes() >= YOUNG_GENERATION_CAP_BYTES ? 1 : 2;
    if (next === factor) return;
    setFlagsFromString(`${GROWTH_FLAG}=${next}`);
    factor = next;
  };
  if (operatorChose(MAX_SEMI_SPACE_FLAG, execArgv)) {
    setFlagsFromString(`${GROWTH_FLAG}=2`);
    return () => {};
  }
  steer();
  // GC entries arrive soon after each GC; the semi-spaces grow only after scavenges have promoted
  // more than their whole size, several scavenges apart, so the factor is set in time.
  const observer = new PerformanceObserver(steer);
  observer.observe({ entryTypes: ["gc"] });
  return () => observer.disconnect();
}
