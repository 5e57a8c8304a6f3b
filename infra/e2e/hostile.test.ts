// A corpus of malformed and hostile requests across every route of every service: no 5xx, every
// answer a problem+json, and no change in any database.

import { TEST_JWT_SECRET } from "@relais/testing";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "./db-snapshot.js";
import { isProblem, send, tokenFor } from "./http.js";
import { ROUTES, type RouteSpec, samplePath, withPathValue } from "./routes.js";
import { SERVICE_NAMES, type Stack, startStack } from "./stack.js";

interface HostileRequest {
  label: string;
  route: RouteSpec;
  path: string;
  headers: Record<string, string>;
  body?: string;
  token?: string | "none";
}

const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "1; DROP TABLE referrals; --",
  "<script>alert(document.cookie)</script>",
  "../../../../etc/passwd",
  "\u202Egnp.exe",
  "\u0000null-byte",
  "😀".repeat(200),
  "x".repeat(5_000),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, on purpose
  "${jndi:ldap://127.0.0.1/a}",
  "%FF%FE",
];

function deeplyNested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function bodyCorpus(): Array<{ label: string; body: string; contentType?: string }> {
  return [
    { label: "truncated JSON", body: '{"name":' },
    { label: "not JSON", body: "name=x&size=1" },
    { label: "JSON null", body: "null" },
    { label: "JSON array", body: "[]" },
    { label: "JSON string", body: '"hello"' },
    { label: "JSON number", body: "42" },
    { label: "empty body", body: "" },
    { label: "deep nesting", body: deeplyNested(5_000) },
    { label: "2 MB body", body: JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024) }) },
    {
      label: "prototype pollution",
      body: '{"__proto__":{"roles":["admin"]},"constructor":{"prototype":{"x":1}}}',
    },
    { label: "wrong types everywhere", body: JSON.stringify(wrongTypes()) },
    {
      label: "hostile strings as fields",
      body: JSON.stringify(Object.fromEntries(HOSTILE_STRINGS.map((s, i) => [`f${i}`, s]))),
    },
    {
      label: "bad dates and zones",
      body: JSON.stringify({
        incidentAt: "2026-02-30T25:61:00Z",
        timeZone: "Europe/Nowhere",
        startsAt: "tomorrow",
        deadline: "2026-13-01",
      }),
    },
    {
      label: "invalid RRULE",
      body: JSON.stringify({
        schedule: { rrule: "FREQ=SOMETIMES;COUNT=-1", timeZone: "Mars/Olympus", durationMinutes: -5 },
      }),
    },
    { label: "text/plain", body: "{}", contentType: "text/plain" },
    { label: "xml", body: "<referral/>", contentType: "application/xml" },
    { label: "form", body: "a=1", contentType: "application/x-www-form-urlencoded" },
  ];
}

function wrongTypes(): Record<string, unknown> {
  return {
    name: 12,
    kind: ["victim_peer"],
    capacity: "ten",
    language: { fr: true },
    persons: "everyone",
    riskLevel: 3,
    status: null,
    email: 5,
    phone: true,
    channels: "sms",
  };
}

async function forgedTokens(): Promise<Array<{ label: string; token: string }>> {
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET, exp = now + 600) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("forger")
      .setIssuedAt(now - 10)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(
    JSON.stringify({ sub: "x", org: "org-e2e", roles: ["admin"], exp: now + 600 }),
  ).toString("base64url")}.`;
  return [
    { label: "alg none", token: unsigned },
    {
      label: "other secret",
      token: await sign(
        { org: "org-e2e", roles: ["coordinator"] },
        "another-secret-that-is-long-enough-0000",
      ),
    },
    {
      label: "expired",
      token: await sign({ org: "org-e2e", roles: ["coordinator"] }, TEST_JWT_SECRET, now - 60),
    },
    { label: "roles not a list", token: await sign({ org: "org-e2e", roles: "coordinator" }) },
    { label: "unknown role only", token: await sign({ org: "org-e2e", roles: ["superuser"] }) },
    { label: "no organisation", token: await sign({ roles: ["coordinator"] }) },
    { label: "garbage", token: "not.a.jwt" },
    // A former member of staff's token: no expiry, a month-long life, or minted "in the future".
    {
      label: "no exp",
      token: await new SignJWT({ org: "org-e2e", roles: ["coordinator"] })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("forger")
        .setIssuedAt(now - 10)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    },
    {
      label: "30-day lifetime",
      token: await sign({ org: "org-e2e", roles: ["coordinator"] }, TEST_JWT_SECRET, now + 30 * 86_400),
    },
    {
      label: "iat in the future",
      token: await new SignJWT({ org: "org-e2e", roles: ["coordinator"] })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("forger")
        .setIssuedAt(now + 3_600)
        .setExpirationTime(now + 7_200)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    },
  ];
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { enum?: unknown[] };
}
type OpenApiPaths = Record<
  string,
  Record<string, { requestBody?: unknown; parameters?: OpenApiParameter[] }>
>;

async function documentedPaths(stack: Stack): Promise<Record<string, OpenApiPaths>> {
  const docs: Record<string, OpenApiPaths> = {};
  for (const name of SERVICE_NAMES) {
    const doc = (await (await fetch(`${stack.services[name].url}/openapi.json`)).json()) as {
      paths: OpenApiPaths;
    };
    docs[name] = doc.paths;
  }
  return docs;
}

async function buildCorpus(stack: Stack): Promise<HostileRequest[]> {
  const corpus: HostileRequest[] = [];
  const docs = await documentedPaths(stack);
  const tokens = await forgedTokens();
  for (const route of ROUTES) {
    const role = route.roles === "token-in-path" ? undefined : route.roles[0];
    const token = role ? await tokenFor(role) : undefined;
    const headers: Record<string, string> = route.idempotent ? { "idempotency-key": "hostile" } : {};
    const base = { route, token, headers };
    if (route.path.includes("{")) {
      for (const value of HOSTILE_STRINGS) {
        const path = withPathValue(route.path, value);
        if (path) corpus.push({ ...base, label: `path ${value.slice(0, 20)}`, path });
      }
    }
    // Query parameters the route documents get values they must refuse; undocumented ones are ignored.
    const query = docs[route.service]?.[route.path]?.[route.method.toLowerCase()]?.parameters ?? [];
    const hostileQueries = query
      .filter((p) => p.in === "query")
      .flatMap((p) => {
        if (p.name === "limit")
          return ["limit=-1", "limit=abc", "limit=99999999999999999999", "limit=1&limit=2"];
        if (p.name === "cursor")
          return ["cursor=%25%25%25", `cursor=${"A".repeat(5_000)}`, "cursor=eyJub3QiOiJ2YWxpZCJ9"];
        if (p.schema?.enum) return [`${p.name}=not-a-value`, `${p.name}=%3Cscript%3E`];
        return [];
      });
    for (const q of hostileQueries) {
      corpus.push({ ...base, label: `query ${q.slice(0, 20)}`, path: `${samplePath(route.path)}?${q}` });
    }
    // Routes that take no body (claim, cancel, a calendar feed) ignore one: nothing to corrupt.
    const takesBody =
      docs[route.service]?.[route.path]?.[route.method.toLowerCase()]?.requestBody !== undefined;
    if (route.method !== "GET" && takesBody) {
      for (const { label, body, contentType } of bodyCorpus()) {
        corpus.push({
          ...base,
          label,
          path: samplePath(route.path),
          body,
          headers: {
            ...base.headers,
            "content-type": contentType ?? "application/json",
            "idempotency-key": `hostile-${label}`,
          },
        });
      }
    }
    if (route.roles !== "token-in-path") {
      for (const forged of tokens)
        corpus.push({
          ...base,
          label: `token ${forged.label}`,
          path: samplePath(route.path),
          token: forged.token,
        });
    }
  }
  return corpus;
}

describe("hostile input", () => {
  let stack: Stack;
  let before: Record<string, Record<string, string>>;
  beforeAll(async () => {
    stack = await startStack();
    before = {};
    for (const name of SERVICE_NAMES)
      before[name] = await snapshotDatabase(stack.services[name].databasePath, { ignoreDenials: true });
  }, 120_000);
  afterAll(() => stack?.stop());

  it("answers every malformed or hostile request with a 4xx problem and changes nothing", async () => {
    const corpus = await buildCorpus(stack);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    let fiveHundreds = 0;
    for (const request of corpus) {
      const url = `${stack.services[request.route.service].url}${request.path}`;
      const answer = await send(url, {
        method: request.route.method,
        token: request.token === "none" ? undefined : request.token,
        headers: request.headers,
        body: request.body,
      });
      if (answer.status >= 500) fiveHundreds += 1;
      if (!isProblem(answer)) {
        failures.push(
          `${request.route.method} ${request.route.path} [${request.label}] → ${answer.status} ${answer.body.slice(0, 120)}`,
        );
      }
    }
    console.info(`hostile corpus: ${corpus.length} requests, ${fiveHundreds} answered 5xx`);
    expect(failures).toEqual([]);
    expect(fiveHundreds).toBe(0);
    for (const name of SERVICE_NAMES) {
      // Refusals are traced (audit rows with outcome `denied`); nothing else may change.
      expect(
        await snapshotDatabase(stack.services[name].databasePath, { ignoreDenials: true }),
        `${name} database`,
      ).toEqual(before[name]);
    }
  });
});
