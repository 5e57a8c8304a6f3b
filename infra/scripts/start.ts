// `pnpm start`: the local stack. Starts nats-server with JetStream under .data/ (unless NATS_URL
// is set), the three services (each migrates its database at start) and the console (its web
// app built first when its sources changed), waits until each is ready, prints where everything
// is — the console first, it is what a person opens — and stops it all in order on Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { join, resolve } from "node:path";
import { ROLES } from "@relais/contracts";
import { signDevToken } from "@relais/service-kit";
import { waitFor } from "@relais/testing";
import { buildService } from "./build-service.js";
import { devSecrets, natsLogin, natsServerPasswords, serviceKeys } from "./dev-secrets.js";

const root = resolve(import.meta.dirname, "../..");
const dataDir = process.env.RELAIS_DATA_DIR ?? join(root, ".data");
const org = process.env.RELAIS_ORG ?? "org-dev";
const secrets = devSecrets(dataDir);
const children: Array<{ name: string; process: ChildProcess }> = [];

const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const consoleUrl = `http://127.0.0.1:${consolePort}`;

const services = [
  { name: "groups", port: Number(process.env.GROUPS_PORT ?? 3001), variable: "GROUPS_PORT" },
  { name: "referrals", port: Number(process.env.REFERRALS_PORT ?? 3002), variable: "REFERRALS_PORT" },
  {
    name: "notifications",
    port: Number(process.env.NOTIFICATIONS_PORT ?? 3003),
    variable: "NOTIFICATIONS_PORT",
  },
  { name: "conferences", port: Number(process.env.CONFERENCES_PORT ?? 3004), variable: "CONFERENCES_PORT" },
  { name: "housing", port: Number(process.env.HOUSING_PORT ?? 3005), variable: "HOUSING_PORT" },
];
const DEV_CONF_MONITOR_PORT = 8222;

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function prefixOutput(name: string, child: ChildProcess) {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
}

function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host }, () => {
      socket.end();
      done(true);
    });
    socket.on("error", () => done(false));
  });
}

async function startNats(): Promise<string> {
  if (process.env.NATS_URL) return process.env.NATS_URL;
  const binary = process.env.NATS_SERVER_BIN ?? "nats-server";
  if (spawnSync(binary, ["--version"]).error) {
    log("nats-server not found: install it with `sudo apt-get install -y nats-server` (or set NATS_URL).");
    process.exit(1);
  }
  const port = Number(process.env.NATS_PORT ?? 4222);
  if (await portOpen(port))
    throw new Error(
      `NATS port ${port} is in use: set NATS_PORT to another port, or NATS_URL to use the NATS server already there`,
    );
  // dev.conf's monitoring port (8222) unless NATS_MONITOR_PORT moves it; taken, nats-server
  // would exit and leave only a timeout to read.
  const monitorPort = Number(process.env.NATS_MONITOR_PORT ?? DEV_CONF_MONITOR_PORT);
  if (await portOpen(monitorPort))
    throw new Error(`NATS monitoring port ${monitorPort} is in use: set NATS_MONITOR_PORT to another port`);
  const args = ["-c", join(root, "infra/nats/dev.conf"), "-sd", join(dataDir, "nats"), "-p", String(port)];
  if (process.env.NATS_MONITOR_PORT) args.push("-m", process.env.NATS_MONITOR_PORT);
  const child = spawn(binary, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    // dev.conf encrypts the JetStream store with $JS_KEY.
    // Each service's password too: dev.conf includes infra/nats/authorization.conf.
    env: { ...process.env, JS_KEY: process.env.JS_KEY ?? secrets.JS_KEY, ...natsServerPasswords(secrets) },
  });
  children.push({ name: "nats", process: child });
  prefixOutput("nats", child);
  await waitFor(
    async () => {
      // An exit (a port taken after all, a bad store directory) is quoted in the timeout error.
      if (child.exitCode !== null)
        throw new Error(`nats-server exited with ${child.exitCode}; its output is above, prefixed [nats]`);
      return portOpen(port);
    },
    { timeoutMs: 15_000, intervalMs: 200, message: "nats-server" },
  );
  return `nats://127.0.0.1:${port}`;
}

function startService(name: string, port: number, natsUrl: string): ChildProcess {
  // What production runs: the bundle built just before (see build-service.ts), not TypeScript.
  // Without --enable-source-maps, which costs ~30 MiB per process; set it in NODE_OPTIONS to debug.
  const main = join(root, "services", name, "dist/main.js");
  const child = spawn(process.execPath, [main], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL:
        process.env[`${name.toUpperCase()}_DATABASE_URL`] ?? `file:${join(dataDir, `${name}.db`)}`,
      NATS_URL: natsUrl,
      JWT_SECRET: process.env.JWT_SECRET ?? secrets.JWT_SECRET,
      // Tokens the console mints for its users, beside the development secret's (`pnpm token`).
      JWKS_URL: process.env.JWKS_URL ?? `${consoleUrl}/.well-known/jwks.json`,
      ...serviceKeys(secrets, name),
      // The development NATS authorises by user unless NATS_URL names another server.
      ...(process.env.NATS_URL ? {} : natsLogin(secrets, name)),
      MAIL_DIR: process.env.MAIL_DIR ?? join(dataDir, "mail"),
      // Development only: a police zone's webhook may go to a receiver on this machine.
      WEBHOOK_TARGETS: process.env.WEBHOOK_TARGETS ?? "any",
    },
  });
  children.push({ name, process: child });
  prefixOutput(name, child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping the stack`);
      void stop(1);
    }
  });
  return child;
}

/** Builds the console's web app unless its last build is newer than every source file. */
function buildWebApp() {
  const consoleDir = join(root, "services/console");
  const built = join(consoleDir, "web/dist/index.html");
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "dist" ? latest : Math.max(latest, newest(path));
      return Math.max(latest, statSync(path).mtimeMs);
    }, 0);
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(consoleDir, "web"))) return;
  log("building the console's web app…");
  const result = spawnSync(
    process.execPath,
    [join(consoleDir, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: consoleDir,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error("the console's web app did not build");
}

function startConsole(): ChildProcess {
  // Bundled like the services (build-service.ts), run with plain node.
  const child = spawn(process.execPath, [join(root, "services/console/dist/main.js")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(consolePort),
      PUBLIC_URL: process.env.PUBLIC_URL ?? consoleUrl,
      DATABASE_URL: process.env.CONSOLE_DATABASE_URL ?? `file:${join(dataDir, "console.db")}`,
      JWT_SECRET: process.env.JWT_SECRET ?? secrets.JWT_SECRET,
      CONSOLE_SIGNING_KEY: process.env.CONSOLE_SIGNING_KEY ?? secrets.CONSOLE_SIGNING_KEY,
      ...Object.fromEntries(
        services.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}`]),
      ),
    },
  });
  children.push({ name: "console", process: child });
  prefixOutput("console", child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`console exited (${signal ?? code}); stopping the stack`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  // Services first (they drain their consumers and outbox), NATS last.
  for (const { name, process: child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timeout = new Promise((r) => setTimeout(r, 15_000, "timeout"));
    if ((await Promise.race([exited, timeout])) === "timeout") {
      log(`${name} did not stop in time; killing it`);
      child.kill("SIGKILL");
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  for (const service of services) {
    if (await portOpen(service.port))
      throw new Error(
        `port ${service.port} for ${service.name} is in use: set ${service.variable} to another port`,
      );
  }
  // Built every time: a bundle of yesterday's source would be a confusing thing to run.
  await Promise.all(
    [...services.map((service) => service.name), "console"].map((name) =>
      buildService(join(root, "services", name)),
    ),
  );
  buildWebApp();
  const natsUrl = await startNats();
  for (const service of services) startService(service.name, service.port, natsUrl);
  startConsole();
  await Promise.all(
    [...services, { name: "console", port: consolePort }].map((service) =>
      waitFor(
        async () => {
          try {
            return (await fetch(`http://127.0.0.1:${service.port}/readyz`)).status === 200;
          } catch {
            return false;
          }
        },
        { timeoutMs: 60_000, intervalMs: 200, message: `${service.name} /readyz` },
      ),
    ),
  );
  log(`\nOpen the console: ${consoleUrl}  (sign in as a police officer or a call-back worker)\n`);
  log("Relais is running (development secrets in .data/dev-secrets.json):\n");
  for (const service of services) {
    log(
      `  ${service.name.padEnd(14)} http://127.0.0.1:${service.port}   docs: http://127.0.0.1:${service.port}/docs`,
    );
  }
  log(`  ${"nats".padEnd(14)} ${natsUrl}`);
  log(
    `\nDevelopment tokens for organisation ${org} (12 h; more with \`pnpm token --role ROLE --org ORG\`;\n` +
      `a caseworker needs a team for the queue: \`pnpm token --role caseworker --team vif-ment-fini-victims\`):\n`,
  );
  for (const role of ROLES) {
    const token = await signDevToken({ secret: secrets.JWT_SECRET, org, sub: `dev-${role}`, roles: [role] });
    log(`  ${role.padEnd(16)} ${token}`);
  }
  log("\nCtrl-C stops everything.");
} catch (error) {
  log(`could not start the stack: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
