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
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 50;
const FLAG = "--heap-growing-percent";

/**
 * Sets V8's heap growing factor unless the operator chose one on the command line
 * (`node --heap-growing-percent=… dist/main.js`; node refuses it in NODE_OPTIONS).
 * Returns the percent it set, or undefined when it left the operator's.
 */
export function tuneHeapGrowth(execArgv: readonly string[] = process.execArgv): number | undefined {
  if (execArgv.some((arg) => arg.replaceAll("_", "-").startsWith(FLAG))) return undefined;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
