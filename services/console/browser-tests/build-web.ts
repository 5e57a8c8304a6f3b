// Builds the web app once before the browser tests, unless the last build is newer than its sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const consoleDir = join(import.meta.dirname, "..");

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dist" ? latest : Math.max(latest, newest(path));
    return Math.max(latest, statSync(path).mtimeMs);
  }, 0);
}

export default function setup() {
  const built = join(consoleDir, "web/dist/index.html");
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(consoleDir, "web"))) return;
  const result = spawnSync(
    process.execPath,
    [join(consoleDir, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "error"],
    {
      cwd: consoleDir,
      stdio: "inherit",
      // vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0) throw new Error("the web app did not build");
}
