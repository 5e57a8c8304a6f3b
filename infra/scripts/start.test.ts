// `pnpm start` as a user runs it: a real nats-server, the three services as processes, Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, policeReferral } from "@relais/testing";
import { decodeJwt, jwtVerify } from "jose";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** `pnpm token …` as a user runs it, against the stack's data directory. */
function devToken(dataDir: string, args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_DATA_DIR: dataDir };
  delete env.JWT_SECRET;
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", join(root, "infra/scripts/token.ts"), ...args],
    {
      cwd: root,
      env,
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`pnpm token ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim();
}

describe("pnpm token", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-token-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("puts --zone and --team(s) into the claims, signed with RELAIS_DATA_DIR's secret", async () => {
    const police = decodeJwt(devToken(dataDir, ["--role", "police", "--zone", "5277"]));
    expect(police).toMatchObject({ org: "org-dev", roles: ["police"], zone: "5277" });
    const worker = devToken(dataDir, [
      "--role",
      "caseworker",
      "--team",
      "a-victims",
      "--teams",
      "b-victims,c",
    ]);
    expect(decodeJwt(worker)).toMatchObject({
      roles: ["caseworker"],
      teams: ["a-victims", "b-victims", "c"],
    });
    const { JWT_SECRET } = JSON.parse(readFileSync(join(dataDir, "dev-secrets.json"), "utf8")) as {
      JWT_SECRET: string;
    };
    await expect(jwtVerify(worker, new TextEncoder().encode(JWT_SECRET))).resolves.toBeDefined();
    const claims = decodeJwt(worker);
    expect(claims.exp! - claims.iat!).toBe(12 * 3_600);
  });

  it("refuses a lifetime the services would refuse", () => {
    expect(() => devToken(dataDir, ["--role", "admin", "--expires", "30d"])).toThrow(/JWT_MAX_LIFETIME/);
  });
});

describe("pnpm start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-stack-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("brings all three services to /readyz 200 and stops cleanly on Ctrl-C", async () => {
    const ports = {
      GROUPS_PORT: 0,
      REFERRALS_PORT: 0,
      NOTIFICATIONS_PORT: 0,
      CONSOLE_PORT: 0,
      NATS_PORT: 0,
      NATS_MONITOR_PORT: 0,
    };
    for (const key of Object.keys(ports) as Array<keyof typeof ports>) ports[key] = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_DATA_DIR: dataDir, LOG_LEVEL: "error" };
    delete env.NATS_URL;
    for (const [key, value] of Object.entries(ports)) env[key] = String(value);

    const child = spawn(process.execPath, ["--import", "tsx", join(root, "infra/scripts/start.ts")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));

    try {
      // It builds the web app and the bundles first: minutes on a loaded two-core machine.
      const deadline = Date.now() + 240_000;
      while (!output.includes("Ctrl-C stops everything")) {
        if (child.exitCode !== null) throw new Error(`stack exited early:\n${output}`);
        if (Date.now() > deadline) throw new Error(`stack did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // The console comes first: it is what a new user opens.
      const firstUrl = /^Open the console: (http:\/\/\S+)/m.exec(output);
      expect(firstUrl?.[1]).toBe(`http://127.0.0.1:${ports.CONSOLE_PORT}`);
      expect(output.indexOf("Open the console")).toBeLessThan(output.indexOf("groups "));
      expect((await fetch(`${firstUrl![1]}/readyz`)).status).toBe(200);
      const page = await fetch(`${firstUrl![1]}/`);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(await page.text()).toContain("<title>Relais</title>");
      for (const port of [ports.GROUPS_PORT, ports.REFERRALS_PORT, ports.NOTIFICATIONS_PORT]) {
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(200);
        const docs = await fetch(`http://127.0.0.1:${port}/openapi.json`);
        expect(((await docs.json()) as { openapi: string }).openapi).toBe("3.1.0");
      }
      const tokens: Record<string, string> = {};
      for (const role of ["police", "caseworker", "facilitator", "programme_staff", "coordinator", "admin"]) {
        const match = new RegExp(`${role}\\s+(eyJ[\\w.-]+)`).exec(output);
        expect(match, `a token for ${role}`).not.toBeNull();
        tokens[role] = match![1]!;
      }

      // The plumbing end to end: a referral filed with referrals reaches notifications' contact book.
      const filed = await fetch(`http://127.0.0.1:${ports.REFERRALS_PORT}/v1/referrals`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens.police}`,
          "content-type": "application/json",
          "idempotency-key": "stack-test-1",
        },
        body: JSON.stringify(
          policeReferral({
            persons: [
              {
                role: "victim",
                consent: true,
                language: "fr",
                contact: { email: "victim@example.org", phone: "+32470000001" },
              },
            ],
          }),
        ),
      });
      expect(filed.status, output).toBe(201);
      const { persons } = (await filed.json()) as { persons: Array<{ personRef: string }> };
      // `pnpm token` signs with the stack's secret (RELAIS_DATA_DIR, no JWT_SECRET) and gives a
      // caseworker the team that works Seraing's victims; the token `pnpm start` prints has none.
      const worker = devToken(dataDir, ["--role", "caseworker", "--team", "vif-ment-fini-victims"]);
      const contactUrl = `http://127.0.0.1:${ports.NOTIFICATIONS_PORT}/v1/contacts/${persons[0]!.personRef}`;
      let contact: Response | undefined;
      let refused: unknown;
      for (let i = 0; i < 100 && contact?.status !== 200; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        // A poll may meet a keep-alive connection the service closed just then (its 5 s idle
        // timer can fire before it reads the request when a loaded machine stalled it): the next
        // poll opens a new one. The service itself must still be up, which the checks below show.
        contact = await fetch(contactUrl, { headers: { authorization: `Bearer ${worker}` } }).catch(
          (error: unknown) => {
            refused = error;
            return undefined;
          },
        );
      }
      expect(contact?.status, `last network error: ${String(refused)}; the stack said:\n${output}`).toBe(200);
      expect(await contact!.json()).toMatchObject({ email: "victim@example.org", language: "fr" });

      const queueUrl = `http://127.0.0.1:${ports.REFERRALS_PORT}/v1/callbacks`;
      const queue = await fetch(queueUrl, { headers: { authorization: `Bearer ${worker}` } });
      expect(queue.status).toBe(200);
      const { items } = (await queue.json()) as { items: Array<{ personRef: string }> };
      expect(items.map((task) => task.personRef)).toContain(persons[0]!.personRef);
      const teamless = await fetch(queueUrl, { headers: { authorization: `Bearer ${tokens.caseworker}` } });
      expect(teamless.status).toBe(403);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/did not stop in time/);
  }, 360_000);

  it("says which port is taken and which variable moves it when the NATS monitoring port is busy", async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        RELAIS_DATA_DIR: dataDir,
        NATS_PORT: String(await freePort()),
        NATS_MONITOR_PORT: String(taken),
        GROUPS_PORT: String(await freePort()),
        REFERRALS_PORT: String(await freePort()),
        NOTIFICATIONS_PORT: String(await freePort()),
      };
      delete env.NATS_URL;
      const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "infra/scripts/start.ts")], {
        cwd: root,
        env,
        encoding: "utf8",
        // Past the timeout spawnSync sends SIGTERM, which start.ts answers with a clean exit 0.
        timeout: 180_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`NATS monitoring port ${taken} is in use: set NATS_MONITOR_PORT`);
    } finally {
      blocker.close();
    }
  }, 360_000);
});
