import { afterEach, describe, expect, it } from "vitest";
import { browser, CASEWORKER, startConsoleApp } from "./console-app.js";

describe("sessions", () => {
  let kit: Awaited<ReturnType<typeof startConsoleApp>>;
  afterEach(() => kit?.close());

  it("signs in with the development picker: httpOnly, SameSite=Strict cookie, session server-side", async () => {
    kit = await startConsoleApp();
    const b = browser(kit.app);
    const response = await b.signIn(CASEWORKER);
    expect(response.status).toBe(201);
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^relais_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const rows = await kit.database.client.execute("SELECT id_hash, user FROM sessions");
    expect(rows.rows).toHaveLength(1);
    // The table holds a hash of the cookie, never the cookie itself.
    expect(cookie).not.toContain(String(rows.rows[0]?.id_hash));
    const session = await (await b.request("/auth/session")).json();
    expect(session).toMatchObject({
      signedIn: true,
      mode: "development",
      user: { name: "Camille", roles: ["caseworker"], teams: ["vif-ment-fini-victims"] },
    });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("refuses a sign-in form posted from another site", async () => {
    kit = await startConsoleApp();
    const response = await browser(kit.app).request("/auth/dev/sign-in", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
      json: CASEWORKER,
    });
    expect(response.status).toBe(403);
  });

  it("names the field of a bad sign-in", async () => {
    kit = await startConsoleApp();
    const response = await browser(kit.app).signIn({ ...CASEWORKER, roles: ["wizard"] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [expect.objectContaining({ path: "roles.0" })] });
  });

  it("wants the CSRF token on every state change", async () => {
    kit = await startConsoleApp();
    const b = browser(kit.app);
    await b.signIn(CASEWORKER);
    const token = b.csrf;
    b.csrf = undefined;
    expect((await b.request("/auth/session/keepalive", { method: "POST" })).status).toBe(403);
    expect(
      (
        await b.request("/auth/session/keepalive", {
          method: "POST",
          headers: { "X-CSRF-Token": "x".repeat(43) },
        })
      ).status,
    ).toBe(403);
    b.csrf = token;
    expect((await b.request("/auth/session/keepalive", { method: "POST" })).status).toBe(200);
    b.csrf = undefined;
    const proxied = await b.request("/api/referrals/v1/callbacks/x/claim", { method: "POST" });
    expect(proxied.status).toBe(403);
  });

  it("ends after 10 idle minutes, activity keeps it alive, background refreshes do not", async () => {
    kit = await startConsoleApp();
    const b = browser(kit.app);
    await b.signIn(CASEWORKER);
    kit.clock.advance({ minutes: 9 });
    expect((await b.request("/auth/session/keepalive", { method: "POST" })).status).toBe(200);
    kit.clock.advance({ minutes: 9 });
    // A background refresh at minute 18 does not count as activity…
    await b.request("/api/referrals/v1/callbacks", { headers: { "X-Relais-Activity": "background" } });
    kit.clock.advance({ minutes: 1, seconds: 1 });
    // …so at 10 min 1 s after the keepalive the session is gone.
    const ended = await b.request("/auth/session/keepalive", { method: "POST" });
    expect(ended.status).toBe(401);
    expect(await ended.json()).toMatchObject({ code: "session_expired" });
    expect(await (await b.request("/auth/session")).json()).toMatchObject({ signedIn: false });
  });

  it("ends after 12 hours whatever the activity", async () => {
    kit = await startConsoleApp();
    const b = browser(kit.app);
    await b.signIn(CASEWORKER);
    for (let i = 1; i <= 81; i++) {
      kit.clock.advance({ minutes: 9 });
      const response = await b.request("/auth/session/keepalive", { method: "POST" });
      if (response.status !== 200) {
        expect(i * 9).toBe(720);
        expect(await response.json()).toMatchObject({ code: "session_expired" });
        return;
      }
    }
    throw new Error("the session outlived 12 hours");
  });

  it("signs out: the session row goes, the browser is told to clear the site", async () => {
    kit = await startConsoleApp();
    const b = browser(kit.app);
    await b.signIn(CASEWORKER);
    const out = await b.request("/auth/sign-out", { method: "POST" });
    expect(out.status).toBe(200);
    expect(out.headers.get("Clear-Site-Data")).toBe('"cache", "cookies", "storage"');
    const rows = await kit.database.client.execute("SELECT count(*) AS n FROM sessions");
    expect(rows.rows[0]?.n).toBe(0);
    expect((await b.request("/api/referrals/v1/callbacks")).status).toBe(401);
  });

  it("does not have the development picker when OIDC is configured", async () => {
    kit = await startConsoleApp({
      oidc: {
        issuer: "http://127.0.0.1:9/",
        clientId: "relais",
        scopes: "openid",
        mapping: {
          orgClaim: "org",
          rolesClaim: "roles",
          roleMap: {},
          teamsClaim: "teams",
          zoneClaim: "zone",
          nameClaim: "name",
        },
        allowHttp: true,
        publicUrl: "http://127.0.0.1:3000",
      },
    });
    const response = await browser(kit.app).signIn(CASEWORKER);
    expect(response.status).toBe(404);
    expect(await (await browser(kit.app).request("/auth/session")).json()).toMatchObject({ mode: "oidc" });
  });

  it("answers sign-in attempts over SIGN_IN_RATE_LIMIT with 429 problem+json and Retry-After", async () => {
    kit = await startConsoleApp({ signInLimit: { limit: 2, windowMs: 60_000 } });
    expect((await browser(kit.app).signIn(CASEWORKER)).status).toBe(201);
    expect((await browser(kit.app).signIn(CASEWORKER)).status).toBe(201);
    const refused = await browser(kit.app).signIn(CASEWORKER);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ status: 429, code: "rate_limited" });
    expect(refused.headers.get("set-cookie")).toBeNull();
  });
});
