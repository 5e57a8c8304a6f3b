// The bundles run as production runs them: `node dist/main.js` from the service's folder, with no
// NODE_PATH. pnpm's script shims (and so vitest, the bench and `pnpm start` of the stack) set
// NODE_PATH to pnpm's store, which once hid that the bundle could not find libsql at all.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
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
