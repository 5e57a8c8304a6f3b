// Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time by function and by
// package, so a bench can say what a slow path spends its CPU on. A service runs as one bundle
// (dist/main.js): its frames are traced back through the bundle's source map to the package and
// line they came from, or the whole service would read as one package.
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byPackage: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; ms: number; share: number }>;
}

export async function summariseProfiles(dir: string, top = 15): Promise<ProfileSummary[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".cpuprofile"));
  return Promise.all(files.map(async (file) => summarise(join(dir, file), top)));
}

async function summarise(file: string, top: number): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += micros;
    const { where, line } = locate(frame);
    const name = `${frame.functionName || "(anonymous)"} ${where}${line ? `:${line}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byPackage.set(where, (byPackage.get(where) ?? 0) + micros);
  });
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: Math.round((micros / total) * 1000) / 10,
      }));
  return {
    file,
    totalMs: Math.round(total / 1000),
    byPackage: rank(byPackage),
    byFunction: rank(byFunction),
  };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = maps.get(url);
  if (map === undefined) {
    const path = url.startsWith("file://") ? fileURLToPath(url) : url;
    map = existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8"))) : null;
    maps.set(url, map);
  }
  return map;
}

/** The package and line a frame's code came from, through the bundle's source map if it has one. */
function locate(frame: ProfileNode["callFrame"]): { where: string; line?: number } {
  const { url, functionName, lineNumber, columnNumber } = frame;
  const map = url.endsWith(".js") ? sourceMapOf(url) : null;
  const entry = map?.findEntry(lineNumber, columnNumber) as
    | { originalSource?: string; originalLine?: number }
    | undefined;
  if (!entry?.originalSource)
    return { where: packageOf(url, functionName), ...(url ? { line: lineNumber + 1 } : {}) };
  const bundle = url.startsWith("file://") ? fileURLToPath(url) : url;
  const source = relative(ROOT, resolve(dirname(bundle), entry.originalSource));
  return { where: packageOf(source, functionName), line: (entry.originalLine ?? 0) + 1 };
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  // Some packages map to their own `src/` (drizzle-orm): the .pnpm folder names the package.
  const pnpmSrc = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@[^/]+\/node_modules\/src\//.exec(url);
  if (pnpmSrc) return pnpmSrc[1]!.replace("+", "/");
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (plain) return plain[1]!;
  const workspace = /(?:^|\/)((?:packages|services|bench)\/[^/]+)\//.exec(url);
  if (workspace) return workspace[1]!;
  if (url.startsWith("node:")) return url.split("/")[0]!;
  return url;
}
