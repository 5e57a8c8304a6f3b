// The HTTP edge over a real socket: what every answer carries, the 413 on a keep-alive
// connection, and who may read /metrics.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest, problemOf, startWidgetsApp, token, type WidgetsApp } from "../test/widgets-app.js";

const METRICS_TOKEN = "scraper-token-0123456789abcdef";

let kit: WidgetsApp;
let server: ReturnType<typeof serve>;
let base: string;
let connections = 0;

beforeAll(async () => {
  kit = await startWidgetsApp({ bodyLimitBytes: 64 * 1024, metricsToken: METRICS_TOKEN });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: kit.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  server.on("connection", () => {
    connections += 1;
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if ("closeAllConnections" in server) server.closeAllConnections();
  await kit.close();
});

describe("an oversized body", () => {
  it("gets 413 with Connection: close, and the next request on the same client is answered (20 rounds)", async () => {
    const coordinator = await token(["coordinator"]);
    const big = JSON.stringify({ name: "x".repeat(3 * 1024 * 1024), size: 1 });
    const statuses: number[] = [];
    const before = connections;
    // Node's fetch is undici with one keep-alive pool per origin: sequential requests share a socket.
    for (let round = 0; round < 20; round++) {
      const oversized = await fetch(
        `${base}/v1/widgets`,
        jsonRequest(big, { token: coordinator, key: `big-${round}` }),
      );
      expect(oversized.headers.get("connection")).toBe("close");
      expect(await problemOf(oversized)).toMatchObject({ status: 413, code: "payload_too_large" });
      statuses.push(oversized.status);
      const small = await fetch(
        `${base}/v1/widgets`,
        jsonRequest({ name: "bolt", size: round }, { token: coordinator, key: `small-${round}` }),
      );
      statuses.push(small.status);
      await small.arrayBuffer();
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, () => [413, 201]).flat());
    // Each 413 ends its connection; the small POST after it opens the next one.
    expect(connections - before).toBeLessThanOrEqual(21);
  });
});

describe("an oversized body still being sent", () => {
  it("is read to its end before the 413, so the client gets the answer and not a reset", async () => {
    const coordinator = await token(["coordinator"]);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const rounds = 12; // 3 MiB: over the 64 KiB limit, under the drain limit
    // A client that sends slowly is still writing when the limit is known: were the socket closed
    // then, its next write would meet a reset (EPIPE / ECONNRESET) and the 413 could be lost.
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      let body = "";
      let status: number | undefined;
      let flushed = false;
      let ended = false;
      const settle = () => flushed && ended && resolve({ status, body });
      const req = request(`${base}/v1/widgets`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(chunk.length * rounds),
          Authorization: `Bearer ${coordinator}`,
          "Idempotency-Key": "slow-and-big",
        },
      });
      req.on("error", reject);
      req.on("finish", () => {
        flushed = true;
        settle();
      });
      req.on("response", (res) => {
        status = res.statusCode;
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          body += text;
        });
        res.on("end", () => {
          ended = true;
          settle();
        });
      });
      let sent = 0;
      const pump = () => {
        if (sent === rounds) return void req.end();
        req.write(chunk);
        sent += 1;
        setTimeout(pump, 20);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "payload_too_large" });
  });
});

describe("headers on every answer", () => {
  it("are nosniff everywhere and no-store on /v1, errors included", async () => {
    const coordinator = await token(["coordinator"]);
    const created = await fetch(
      `${base}/v1/widgets`,
      jsonRequest({ name: "nut", size: 2 }, { token: coordinator, key: "hdr" }),
    );
    const { id } = (await created.json()) as { id: string };
    const answers = await Promise.all([
      fetch(`${base}/v1/widgets/${id}`, { headers: { Authorization: `Bearer ${coordinator}` } }),
      fetch(`${base}/v1/widgets/${id}`), // 401
      fetch(`${base}/v1/widgets/${crypto.randomUUID()}`, {
        headers: { Authorization: `Bearer ${coordinator}` },
      }), // 404
      fetch(`${base}/v1/boom`), // 500
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 500]);
    expect([created, ...answers].map((a) => a.headers.get("cache-control"))).toEqual(
      Array(5).fill("no-store"),
    );
    expect([created, ...answers].map((a) => a.headers.get("x-content-type-options"))).toEqual(
      Array(5).fill("nosniff"),
    );
    for (const path of ["/healthz", "/openapi.json", "/docs", "/no-such-route"]) {
      const answer = await fetch(`${base}${path}`);
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});

describe("/metrics", () => {
  it("answers only the scraper's bearer token", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    await problemOf(wrong);
    // A user's token is not the scraper's, whatever its roles.
    const admin = await fetch(`${base}/metrics`, {
      headers: { Authorization: `Bearer ${await token(["admin"])}` },
    });
    expect(admin.status).toBe(401);
    const scraper = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain("http_requests_total");
  });

  it("is not served at all without METRICS_TOKEN", async () => {
    const bare = await startWidgetsApp();
    try {
      expect((await bare.app.request("/metrics")).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
