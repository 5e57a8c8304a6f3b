// Every route of every service × every role, no token, and a token of another organisation,
// against DESIGN.md's table of who may call what.
import { ROLES } from "@relais/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "./db-snapshot.js";
import { type Answer, isProblem, OTHER_ORG, send, tokenFor } from "./http.js";
import { ROUTES, type RouteSpec, samplePath } from "./routes.js";
import { SERVICE_NAMES, type Stack, startStack } from "./stack.js";

function request(stack: Stack, route: RouteSpec, token?: string): Promise<Answer> {
  const url = `${stack.services[route.service].url}${samplePath(route.path)}`;
  const hasBody = route.method !== "GET";
  return send(url, {
    method: route.method,
    token,
    headers: {
      ...(hasBody ? { "content-type": "application/json" } : {}),
      ...(route.idempotent ? { "idempotency-key": `matrix-${Math.random()}` } : {}),
    },
    // An empty object: enough to reach the role check, never enough to change anything.
    body: hasBody ? "{}" : undefined,
  });
}

describe("role matrix", () => {
  let stack: Stack;
  let before: Record<string, Record<string, string>>;
  beforeAll(async () => {
    stack = await startStack();
    before = {};
    for (const name of SERVICE_NAMES)
      before[name] = await snapshotDatabase(stack.services[name].databasePath);
  }, 120_000);
  afterAll(() => stack?.stop());

  it("documents exactly the routes of the table (DESIGN.md's and the documented additions)", async () => {
    for (const service of SERVICE_NAMES) {
      const doc = (await (await fetch(`${stack.services[service].url}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const expected = ROUTES.filter((r) => r.service === service).map((r) => `${r.method} ${r.path}`);
      // Every documented route is in the matrix, and every route of the table is served.
      expect(documented.sort(), service).toEqual(expected.sort());
    }
  });

  it("answers each route as the table says for every role, no token and another organisation", async () => {
    const mismatches: string[] = [];
    let requests = 0;
    for (const route of ROUTES) {
      const label = `${route.method} ${route.path} (${route.service})`;
      if (route.roles === "token-in-path") {
        const answer = await request(stack, route);
        requests += 1;
        if (answer.status !== 404 || !isProblem(answer))
          mismatches.push(`${label} unknown token → ${answer.status}`);
        continue;
      }
      const anonymous = await request(stack, route);
      requests += 1;
      if (anonymous.status !== 401 || !isProblem(anonymous))
        mismatches.push(`${label} no token → ${anonymous.status}`);
      for (const role of ROLES) {
        const answer = await request(stack, route, await tokenFor(role));
        requests += 1;
        const allowed = route.roles.includes(role);
        if (allowed && (answer.status === 401 || answer.status === 403 || answer.status >= 500)) {
          mismatches.push(`${label} as ${role} → ${answer.status}, expected access`);
        }
        if (!allowed && (answer.status !== 403 || !isProblem(answer))) {
          mismatches.push(`${label} as ${role} → ${answer.status}, expected 403`);
        }
      }
      const elsewhere = await request(stack, route, await tokenFor(route.roles[0]!, OTHER_ORG));
      requests += 1;
      if (elsewhere.status === 401 || elsewhere.status === 403 || elsewhere.status >= 500) {
        mismatches.push(`${label} from another organisation → ${elsewhere.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(requests).toBeGreaterThan(250);

    // Allowed reads are audited, and an allowed POST /v1/calendars (no body needed) creates a
    // feed, as they must; a refused call changes nothing.
    const legitimate = ["audit_log", "calendar_feeds"];
    const without = (snapshot: Record<string, string>) =>
      Object.fromEntries(Object.entries(snapshot).filter(([table]) => !legitimate.includes(table)));
    for (const name of SERVICE_NAMES) {
      const after = await snapshotDatabase(stack.services[name].databasePath);
      expect(without(after), `${name} database`).toEqual(without(before[name]!));
    }
  });
});
