// What the figures were measured on: versions, machine and commit, recorded in every result file.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";

const TRACKED_PACKAGES = [
  "hono",
  "@hono/node-server",
  "@hono/zod-openapi",
  "zod",
  "drizzle-orm",
  "@libsql/client",
  "nats",
  "nodemailer",
  "smtp-server",
  "autocannon",
  "rrule",
  "luxon",
  "tsx",
];

export interface MachineInfo {
  node: string;
  pnpm: string | null;
  nats: string | null;
  packages: Record<string, string | null>;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  loadAverageAtStart: number[];
  platform: string;
  git: { commit: string | null; dirty: boolean | null };
}

export function describeMachine(root: string): MachineInfo {
  return {
    node: process.version,
    pnpm: run("pnpm", ["--version"], root),
    nats: run(process.env.NATS_SERVER_BIN ?? "nats-server", ["--version"], root),
    packages: Object.fromEntries(TRACKED_PACKAGES.map((name) => [name, installedVersion(root, name)])),
    cpuModel: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryBytes: totalmem(),
    loadAverageAtStart: loadavg(),
    platform: `${process.platform} ${process.arch}`,
    git: {
      commit: run("git", ["rev-parse", "HEAD"], root),
      dirty: gitDirty(root),
    },
  };
}

function run(command: string, args: string[], cwd: string): string | null {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function gitDirty(root: string): boolean | null {
  const status = run("git", ["status", "--porcelain"], root);
  return status === null ? null : status.length > 0;
}

/**
 * The version actually installed, looked up from the packages that use it (a dependency's
 * `exports` may hide its package.json, so walk up from its entry point instead).
 */
function installedVersion(root: string, name: string): string | null {
  const from = [
    join(root, "bench/package.json"),
    join(root, "packages/testing/package.json"),
    join(root, "services/referrals/package.json"),
    join(root, "package.json"),
  ];
  for (const base of from) {
    try {
      let dir = dirname(createRequire(base).resolve(name));
      while (dir !== dirname(dir)) {
        const manifest = join(dir, "package.json");
        if (existsSync(manifest)) {
          const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
          if (parsed.name === name) return parsed.version ?? null;
        }
        dir = dirname(dir);
      }
    } catch {
      // Not a dependency of this package; try the next.
    }
  }
  return null;
}
