import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jwksVerifier } from "@relais/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, CASEWORKER, ORIGIN, startConsoleApp } from "./console-app.js";

// A stand-in for a service: records what reached it and answers like one.
let service: Server;
let serviceUrl: string;
const seen: Array<{
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> = [];

beforeAll(async () => {
  service = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.setHeader("Content-Type", "application/json");
      res.setHeader("Set-Cookie", "tracker=1");
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

describe("forwarding to the services", () => {
  it("calls the service with a short-lived token for the signed-in user that the console's JWKS verifies", async () => {
    const kit = await startConsoleApp({ services: { referrals: serviceUrl } });
    try {
      const b = browser(kit.app);
      await b.signIn(CASEWORKER);
      const response = await b.request("/api/referrals/v1/callbacks/abc/attempts?x=1", {
        method: "POST",
        headers: { "Idempotency-Key": "k-1", Cookie: "ignored=1" },
        json: { outcome: "no_answer" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("Set-Cookie")).toBeNull();
      const call = seen.at(-1)!;
      expect(call).toMatchObject({ method: "POST", url: "/v1/callbacks/abc/attempts?x=1" });
      expect(call.headers["idempotency-key"]).toBe("k-1");
      expect(call.headers.cookie).toBeUndefined();
      expect(JSON.parse(call.body)).toEqual({ outcome: "no_answer" });
      const token = String(call.headers.authorization).replace(/^Bearer /, "");
      const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
      expect(payload).toMatchObject({
        org: "org-dev",
        roles: ["caseworker"],
        teams: ["vif-ment-fini-victims"],
        iss: ORIGIN,
      });
      expect(payload.exp - payload.iat).toBe(5 * 60);

      // The services verify it against the console's published JWKS.
      const jwks = await b.request("/.well-known/jwks.json");
      const keys = await jwks.json();
      const jwksServer = createServer((_, res) => res.end(JSON.stringify(keys)));
      await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
      try {
        const verify = jwksVerifier({
          url: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/`,
          issuer: ORIGIN,
        });
        expect(await verify(token)).toEqual({ sub: "dev-camille", org: "org-dev", roles: ["caseworker"] });
      } finally {
        jwksServer.close();
      }
    } finally {
      await kit.close();
    }
  });

  it("needs a session", async () => {
    const kit = await startConsoleApp({ services: { referrals: serviceUrl } });
    try {
      const before = seen.length;
      const response = await browser(kit.app).request("/api/referrals/v1/callbacks");
      expect(response.status).toBe(401);
      expect(seen.length).toBe(before);
    } finally {
      await kit.close();
    }
  });

  it("answers 502 problem+json when a service is down", async () => {
    const kit = await startConsoleApp();
    try {
      const b = browser(kit.app);
      await b.signIn(CASEWORKER);
      const response = await b.request("/api/referrals/v1/callbacks");
      expect(response.status).toBe(502);
      expect(response.headers.get("Content-Type")).toContain("application/problem+json");
    } finally {
      await kit.close();
    }
  });
});
