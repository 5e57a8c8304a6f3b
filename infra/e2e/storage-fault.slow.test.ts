// referrals with its database on a real, small file system (a tmpfs) that fills up: intake then
// answers 503 problem+json with Retry-After, /readyz says not ready while writes fail, and once
// space is back it recovers without a restart — with nothing lost and nothing filed twice.
// Needs root (to mount the tmpfs). Slow: runs in `pnpm test:e2e` only.
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { type NatsProcess, type ServiceProcess, startNats, waitFor } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowReferral } from "./flow.js";
import { tokenFor } from "./http.js";
import { startService } from "./stack.js";

describe("referrals on a full disk", () => {
  let nats: NatsProcess;
  let referrals: ServiceProcess;
  let url: string;
  let dir: string;
  let disk: string;
  let mounted = false;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error("this test mounts a tmpfs and must run as root");
    dir = mkdtempSync(join(tmpdir(), "relais-full-"));
    disk = join(dir, "disk");
    mkdirSync(disk);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk]);
    mounted = true;
    nats = await startNats();
    ({ process: referrals, url } = await startService("referrals", {
      natsUrl: nats.url,
      databasePath: join(disk, "referrals.db"),
      env: { LOG_LEVEL: "error" },
    }));
  }, 120_000);
  afterAll(async () => {
    await referrals?.stop();
    await nats?.stop();
    // Lazy: the file system goes as soon as the last handle on it closes.
    if (mounted) execFileSync("umount", ["--lazy", disk]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Fills the file system to the last byte; returns the filler's path. */
  function fillDisk(): string {
    const path = join(disk, "filler");
    const fd = openSync(path, "w");
    const chunk = Buffer.alloc(64 * 1024);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    }
    // Whatever a whole chunk did not fit, byte by byte.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512));
    } catch {}
    closeSync(fd);
    return path;
  }

  async function file(token: string, key: string, i: number) {
    const response = await fetch(`${url}/v1/referrals`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify(flowReferral("full", i)),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      contentType: response.headers.get("content-type") ?? "",
      replayed: response.headers.get("idempotent-replayed") === "true",
      body: await response.text(),
    };
  }
  const status = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    await response.body?.cancel();
    return response.status;
  };

  it("answers 503 with Retry-After and is not ready while the disk is full, then recovers without a restart", async () => {
    const police = await tokenFor("police");
    const filed = new Map<string, string>();
    expect((await file(police, "before-0", 0)).status).toBe(201);
    filed.set("before-0", "");

    const filler = fillDisk();
    const pid = referrals.pid;
    // The WAL may still have room for a few intakes; the disk gives out within a few more.
    let refused: Awaited<ReturnType<typeof file>> | undefined;
    let refusedKey = "";
    for (let i = 1; i <= 400 && !refused; i++) {
      const answer = await file(police, `full-${i}`, i);
      if (answer.status === 201) filed.set(`full-${i}`, answer.body);
      else {
        refused = answer;
        refusedKey = `full-${i}`;
      }
    }
    expect(refused, "the disk never filled up").toBeDefined();
    expect(refused!.status, refused!.body).toBe(503);
    expect(refused!.contentType).toContain("application/problem+json");
    expect(Number(refused!.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused!.body)).toMatchObject({ code: "storage_unavailable", status: 503 });
    // Alive, but not ready: an orchestrator stops sending traffic, and does not restart it.
    expect(await status("/healthz")).toBe(200);
    expect(await status("/readyz")).toBe(503);
    const still = await file(police, refusedKey, Number(refusedKey.slice(5)));
    expect([still.status, still.retryAfter !== null]).toEqual([503, true]);

    rmSync(filler);
    await waitFor(async () => (await status("/readyz")) === 200, {
      timeoutMs: 30_000,
      message: "/readyz back to 200 once the disk has room",
    });
    expect(referrals.pid).toBe(pid);
    const retried = await file(police, refusedKey, Number(refusedKey.slice(5)));
    expect(retried.status, retried.body).toBe(201);
    expect(retried.replayed).toBe(false);
    filed.set(refusedKey, retried.body);

    // Every accepted intake is there once: each key replays its answer, and the table agrees.
    for (const [key, body] of filed) {
      if (!body) continue;
      const i = key === refusedKey ? Number(refusedKey.slice(5)) : Number(key.slice(5));
      const again = await file(police, key, i);
      expect([again.status, again.replayed, again.body], key).toEqual([201, true, body]);
    }
    const client = createClient({ url: `file:${join(disk, "referrals.db")}` });
    try {
      const rows = await client.execute("SELECT count(*) AS n FROM referrals");
      expect(Number(rows.rows[0]?.n)).toBe(filed.size);
    } finally {
      client.close();
    }
    console.info(
      "[storage-fault]",
      JSON.stringify({ acceptedBeforeFull: filed.size - 1, refused: refusedKey, restarted: false }),
    );
  }, 180_000);
});
