// CPU time of a child process from /proc (Linux), split into its main thread (where a Node
// service runs JavaScript, and where libSQL runs its statements) and the process as a whole
// (libuv's pool doing the WAL fsync, V8's GC helpers, the checkpoint worker). On the 2-core
// machine req/s moves with whatever else runs; CPU per request moves far less.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

export interface CpuReading {
  /** user + system seconds of the main thread (its tid is the pid). */
  mainSeconds: number;
  /** user + system seconds of every thread, living or ended. */
  processSeconds: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields 14 and 15 (utime, stime) of a stat line, in seconds; the name in parentheses may hold spaces. */
function cpuSecondsOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

export async function readCpu(pid: number): Promise<CpuReading | null> {
  try {
    const [main, whole] = await Promise.all([
      readFile(`/proc/${pid}/task/${pid}/stat`, "utf8"),
      readFile(`/proc/${pid}/stat`, "utf8"),
    ]);
    return { mainSeconds: cpuSecondsOf(main), processSeconds: cpuSecondsOf(whole) };
  } catch {
    return null;
  }
}

/** Milliseconds of CPU per answered request between two readings (NaN when either is missing). */
export function cpuPerRequest(
  before: CpuReading | null,
  after: CpuReading | null,
  requests: number,
): { mainMs: number; processMs: number } {
  if (!before || !after || requests <= 0) return { mainMs: Number.NaN, processMs: Number.NaN };
  const per = (seconds: number) => Math.round(((seconds * 1000) / requests) * 1000) / 1000;
  return {
    mainMs: per(after.mainSeconds - before.mainSeconds),
    processMs: per(after.processSeconds - before.processSeconds),
  };
}
