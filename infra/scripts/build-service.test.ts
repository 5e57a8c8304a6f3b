// The bundles run as production runs them: `node dist/main.js` from the service's folder, with no
// NODE_PATH. pnpm's script shims (and so vitest, the bench and `pnpm start` of the stack) set
// NODE_PATH to pnpm's store, which once hid that the bundle could not find libsql at all.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { testBundle } from "./build-service.js";

const root = resolve(import.meta.dirname, "../..");
const SERVICES = ["groups", "referrals", "notifications", "conferences", "housing", "console"];

describe("a service bundle", () => {
  it.each(SERVICES)("%s loads every module it needs with plain node, no NODE_PATH", async (name) => {
    const main = await testBundle(join(root, "services", name));
    const { NODE_PATH: _hidden, ...env } = process.env;
    // No configuration at all: once every module has loaded, the service stops at its first
    // check, naming the variables it misses.
    const run = spawnSync(process.execPath, [main], {
      cwd: join(root, "services", name),
      env: { PATH: env.PATH ?? "", HOME: env.HOME ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr + run.stdout).not.toMatch(/Cannot find (module|package)/);
    expect(run.stderr + run.stdout).toMatch(/Invalid configuration/);
    expect(run.status).not.toBe(0);
  });
});

describe("a bundle's first line", () => {
  // The young generation a process has when it exits, printed by a module loaded before the bundle.
  const YOUNG_AT_EXIT =
    'data:text/javascript,import v8 from "node:v8"; process.on("exit", () => console.error("young " + v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size));';
  function youngAfterLoading(main: string, nodeFlags: string[] = []): number {
    // No configuration: every module is evaluated, then the service stops at its first check.
    const run = spawnSync(process.execPath, [...nodeFlags, "--import", YOUNG_AT_EXIT, main], {
      cwd: dirname(dirname(main)),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/Invalid configuration/);
    return Number(/young (\d+)/.exec(run.stderr)?.[1]);
  }

  it("holds the young generation while the bundle's modules load, unless the operator set its growth", async () => {
    const main = await testBundle(join(root, "services", "referrals"));
    const held = youngAfterLoading(main);
    // 2 × 2 MiB from node's own start-up, against 2 × 8 MiB when loading may grow it.
    expect(held).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(youngAfterLoading(main, ["--semi-space-growth-factor=2"])).toBeGreaterThan(held);
  });
});
