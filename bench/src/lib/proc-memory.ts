// Resident memory of a child process from /proc (Linux): the current RSS and the kernel's peak
// (VmHWM), which catches spikes a sampler would miss.

export interface MemoryReading {
  rssBytes: number;
  peakRssBytes: number;
}

export async function readMemory(pid: number): Promise<MemoryReading | null> {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssBytes: kib("VmRSS") * 1024, peakRssBytes: kib("VmHWM") * 1024 };
  } catch {
    return null;
  }
}

export function mebibytes(bytes: number): number {
  return Math.round((bytes / 1_048_576) * 10) / 10;
}
