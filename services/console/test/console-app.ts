// Builds the console app on a real libSQL file, with a manual clock and a given set of services.
import { fileURLToPath } from "node:url";
import { createLogger, type RateLimit } from "@relais/service-kit";
import { ManualClock, tempDatabase } from "@relais/testing";
import { createApp } from "../src/app.js";
import type { OidcSettings } from "../src/auth/oidc.js";
import * as schema from "../src/db/schema.js";
import type { ServiceName } from "../src/http/proxy.js";
import { createTokenMinter } from "../src/tokens/minter.js";

export const ORIGIN = "http://127.0.0.1:3000";

export async function startConsoleApp(
  options: {
    services?: Partial<Record<ServiceName, string>>;
    oidc?: OidcSettings;
    webDist?: string;
    signInLimit?: RateLimit;
  } = {},
) {
  // Starts at the real time, so tokens minted on it pass jose's own expiry check.
  const clock = new ManualClock(new Date());
  const database = await tempDatabase({
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  });
  const minter = await createTokenMinter({ issuer: ORIGIN, lifetimeMinutes: 5, now: () => clock.now() });
  const unused = "http://127.0.0.1:9";
  const app = createApp({
    database,
    logger: createLogger({ name: "console-test", level: "silent" }),
    clock,
    minter,
    publicUrl: ORIGIN,
    services: {
      groups: unused,
      referrals: unused,
      notifications: unused,
      conferences: unused,
      housing: unused,
      ...options.services,
    },
    session: { idleMinutes: 10, absoluteHours: 12 },
    signIn: options.oidc ? { mode: "oidc", settings: options.oidc } : { mode: "development" },
    signInLimit: options.signInLimit,
    webDist: options.webDist ?? fileURLToPath(new URL("./no-web-dist", import.meta.url)),
  });
  return { app, clock, database, minter, close: () => database.cleanup() };
}

/** A browser of the console: keeps the cookie, sends Origin like a same-origin fetch. */
export function browser(app: {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
}) {
  let cookie: string | undefined;
  let csrf: string | undefined;
  return {
    get csrf() {
      return csrf;
    },
    set csrf(value: string | undefined) {
      csrf = value;
    },
    async request(path: string, init: RequestInit & { json?: unknown } = {}) {
      const headers = new Headers(init.headers);
      headers.set("Host", "127.0.0.1:3000");
      if (cookie) headers.set("Cookie", cookie);
      const method = init.method ?? "GET";
      if (method !== "GET") {
        if (!headers.has("Origin")) headers.set("Origin", ORIGIN);
        if (csrf && !headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", csrf);
      }
      let body = init.body;
      if (init.json !== undefined) {
        headers.set("Content-Type", "application/json");
        body = JSON.stringify(init.json);
      }
      const response = await app.request(`${ORIGIN}${path}`, { ...init, method, headers, body });
      const set = response.headers.get("Set-Cookie");
      if (set) {
        const [pair] = set.split(";");
        cookie = pair && /=.+/.test(pair) ? pair : undefined;
      }
      return response;
    },
    async signIn(person: Record<string, unknown>) {
      const response = await this.request("/auth/dev/sign-in", { method: "POST", json: person });
      const body = (await response.clone().json()) as { csrfToken?: string };
      csrf = body.csrfToken;
      return response;
    },
  };
}

export const CASEWORKER = {
  name: "Camille",
  org: "org-dev",
  roles: ["caseworker"],
  teams: ["vif-ment-fini-victims"],
};
