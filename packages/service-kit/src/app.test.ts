import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest, problemOf, startWidgetsApp, token, type WidgetsApp } from "../test/widgets-app.js";

const METRICS = "metrics-scraper-token-for-tests";
let kit: WidgetsApp;
let coordinator: string;

beforeAll(async () => {
  kit = await startWidgetsApp({ bodyLimitBytes: 1024, metricsToken: METRICS });
  coordinator = await token(["coordinator"]);
});
afterAll(() => kit.close());

const post = (body: unknown, options: Parameters<typeof jsonRequest>[1] = {}) =>
  kit.app.request(
    "/v1/widgets",
    jsonRequest(body, { token: coordinator, key: crypto.randomUUID(), ...options }),
  );

describe("request validation", () => {
  it("accepts a valid widget", async () => {
    const response = await post({ name: "bolt", size: 3, tags: ["steel"] });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: "bolt", size: 3, tags: ["steel"] });
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const response = await post('{"a":');
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("names the field of the wrong type", async () => {
    const response = await post({ name: "bolt", size: "big" });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "invalid", type: "https://relais.example/problems/invalid" });
    expect(problem.errors).toEqual([{ path: "size", code: "invalid_type", message: expect.any(String) }]);
  });

  it("names a missing field, and calls it required", async () => {
    const problem = await problemOf(await post({ size: 3 }));
    expect(problem.errors).toEqual([{ path: "name", code: "required", message: expect.any(String) }]);
  });

  it("refuses text with a control character or half a surrogate pair, naming the field", async () => {
    for (const [body, path] of [
      [{ name: "bo\u0000lt", size: 1 }, "name"],
      [{ name: "bolt", size: 1, tags: ["ok", "\ud800"] }, "tags.1"],
      [{ name: "\u001b[31mbolt", size: 1 }, "name"],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toEqual([
        { path, code: "unprintable", message: expect.any(String) },
      ]);
    }
    // Lines, tabs and whole characters beyond the BMP are text.
    expect((await post({ name: "bolt\n\tM8 🔩", size: 1 })).status).toBe(201);
  });

  it("joins nested paths with dots", async () => {
    const problem = await problemOf(await post({ name: "bolt", size: 1, tags: ["ok", 7] }));
    expect(problem.errors).toEqual([{ path: "tags.1", code: "invalid_type", message: expect.any(String) }]);
  });

  it("rejects a POST without a body rather than validating nothing", async () => {
    const response = await kit.app.request("/v1/widgets", {
      method: "POST",
      headers: { Authorization: `Bearer ${coordinator}`, "Idempotency-Key": "no-body" },
    });
    expect(response.status).toBe(400);
    await problemOf(response);
  });

  it("names query parameters", async () => {
    const response = await kit.app.request("/v1/widgets?limit=lots", {
      headers: { Authorization: `Bearer ${coordinator}` },
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "limit", code: "invalid_type", message: expect.any(String) },
    ]);
  });

  it("names path parameters", async () => {
    const response = await kit.app.request("/v1/widgets/not-a-uuid", {
      headers: { Authorization: `Bearer ${coordinator}` },
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { path: "id", code: "invalid_reference", message: expect.any(String) },
    ]);
  });

  it("answers a wrong content type with 415", async () => {
    const response = await kit.app.request(
      "/v1/widgets",
      jsonRequest("name=bolt", {
        token: coordinator,
        key: "k-415",
        headers: { "Content-Type": "text/plain" },
      }),
    );
    expect(response.status).toBe(415);
    expect(await problemOf(response)).toMatchObject({ code: "unsupported_media_type" });
  });

  it("answers an oversized body with 413, streamed or declared", async () => {
    const big = { name: "x".repeat(2048), size: 1 };
    const streamed = await post(big);
    expect(streamed.status).toBe(413);
    expect(await problemOf(streamed)).toMatchObject({ code: "payload_too_large" });

    const body = JSON.stringify(big);
    const declared = await post(body, { headers: { "Content-Length": String(body.length) } });
    expect(declared.status).toBe(413);
    await problemOf(declared);
  });
});

describe("error mapping", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const response = await kit.app.request("/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: "not_found", instance: "/v1/nothing-here" });
  });

  it("answers an unexpected error with a bare 500 and logs the stack", async () => {
    const response = await kit.app.request("/v1/boom", { headers: { "X-Request-Id": "boom-1" } });
    expect(response.status).toBe(500);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "internal", requestId: "boom-1" });
    expect(JSON.stringify(problem)).not.toContain("password");
    const logged = kit.logs.find((line) => line.requestId === "boom-1" && line.err);
    expect(logged?.err).toMatchObject({ stack: expect.stringContaining("secret database password") });
  });
});

describe("request id and logs", () => {
  it("echoes a sane incoming request id", async () => {
    const response = await kit.app.request("/healthz", { headers: { "X-Request-Id": "abc-123" } });
    expect(response.headers.get("X-Request-Id")).toBe("abc-123");
  });

  it("replaces an unsafe one", async () => {
    const response = await kit.app.request("/healthz", { headers: { "X-Request-Id": "bad id\twith<html>" } });
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes one line per request, without the token or the body", async () => {
    const response = await post({ name: "secret-name", size: 2 }, { headers: { "X-Request-Id": "log-1" } });
    expect(response.status).toBe(201);
    const lines = kit.logs.filter((line) => line.requestId === "log-1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: "POST", path: "/v1/widgets", status: 201, requestId: "log-1" });
    expect(lines[0]?.ms).toEqual(expect.any(Number));
    const text = JSON.stringify(lines);
    expect(text).not.toContain(coordinator);
    expect(text).not.toContain("secret-name");
  });
});

describe("operational endpoints", () => {
  it("serves /healthz", async () => {
    const response = await kit.app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves /readyz when every check passes", async () => {
    const response = await kit.app.request("/readyz");
    expect(response.status).toBe(200);
  });

  it("answers /readyz with 503 naming the failing check", async () => {
    const failing = await startWidgetsApp({
      readiness: [
        { name: "database", check: async () => {} },
        { name: "nats", check: () => Promise.reject(new Error("connection refused to nats://user:pw@host")) },
      ],
    });
    try {
      const response = await failing.app.request("/readyz");
      expect(response.status).toBe(503);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({
        code: "not_ready",
        errors: [{ path: "nats", code: "unavailable", message: "failed" }],
      });
      expect(JSON.stringify(problem)).not.toContain("pw@");
    } finally {
      await failing.close();
    }
  });

  it("times out a hanging readiness check", async () => {
    const hanging = await startWidgetsApp({
      readiness: [{ name: "slow", check: () => new Promise(() => {}) }],
    });
    try {
      const started = Date.now();
      const response = await hanging.app.request("/readyz");
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await problemOf(response)).errors).toEqual([
        { path: "slow", code: "unavailable", message: expect.stringContaining("timed out") },
      ]);
    } finally {
      await hanging.close();
    }
  });

  it("exposes Prometheus metrics labelled by route pattern", async () => {
    await kit.app.request("/healthz");
    const id = crypto.randomUUID();
    await kit.app.request(`/v1/widgets/${id}`, { headers: { Authorization: `Bearer ${coordinator}` } });
    const response = await kit.app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('route="/v1/widgets/:id",status="404"');
    expect(text).not.toContain(id);
    expect(text).toContain("http_request_duration_seconds_bucket");
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("keeps separate registries for separate apps", async () => {
    const other = await startWidgetsApp({ metricsToken: METRICS });
    try {
      const text = await (
        await other.app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS}` } })
      ).text();
      expect(text).not.toMatch(/route="\/v1\/widgets"/);
    } finally {
      await other.close();
    }
  });

  it("serves an OpenAPI 3.1 document listing the routes and the bearer scheme", async () => {
    const response = await kit.app.request("/openapi.json");
    expect(response.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document, inspected loosely
    const doc = (await response.json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "widgets", version: "1.0.0" });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/widgets", "/v1/widgets/{id}"]));
    expect(doc.paths["/v1/widgets"].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/v1/widgets"].post.responses["409"].content).toHaveProperty([
      "application/problem+json",
    ]);
    expect(doc.components.securitySchemes.bearerAuth).toEqual({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
  });
});
