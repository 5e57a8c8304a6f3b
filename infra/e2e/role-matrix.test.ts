// Every route of every service × every role, no token, and every allowed role of another
// organisation, against DESIGN.md's table of who may call what — aimed at real records of the
// organisation (a referral worked to placements and one still open, groups, sessions,
// enrolments, a message, a feed), so that a leak across organisations would show.
import { ROLES, type Role } from "@relais/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDatabase } from "./db-snapshot.js";
import { type Answer, isProblem, OTHER_ORG, send, tokenFor } from "./http.js";
import { PARTNER, type RealRecords, seedRealRecords, WEBHOOK_ZONE } from "./real-records.js";
import { ROUTES, type RouteSpec, samplePath } from "./routes.js";
import { SERVICE_NAMES, type Stack, startStack } from "./stack.js";

/** The claims that make a role the owner of the real records (its group, its team, its zone). */
function ownerClaims(role: Role): Record<string, unknown> {
  // setUpFlow routes Seraing to these two teams.
  if (role === "caseworker") return { teams: ["seraing-victims", "seraing-authors"] };
  return {};
}
const tokenAs = (role: Role, org?: string) => tokenFor(role, org, undefined, ownerClaims(role));

/**
 * The path with the real record each parameter names, chosen for the role: a facilitator's group
 * is the victims' group, programme staff's the programme. Parameters that name an organisation's
 * own configuration (a municipality, a police zone) are not records: another organisation has
 * its own of the same name.
 */
function realPath(
  route: RouteSpec,
  role: Role,
  records: RealRecords,
): { path: string; names: "records" | "config" | "none" } {
  const path = route.path;
  const owned = role === "facilitator" ? records.victims : records.programme;
  const byResource: Record<string, string> = {
    referrals: records.referral,
    callbacks: records.task,
    groups: owned.group,
    sessions: owned.session,
    enrolments: owned.enrolment,
    messages: records.message,
    contacts: records.personRef,
    calendars: records.feed,
    "check-ins": records.checkIn,
    "directory/partners": records.partner,
    places: records.housing.place,
    placements: records.housing.placement,
    "dead-letters": records.deadLetters[route.service] ?? "",
    conferences: records.conference.id,
    actions: records.conference.action,
  };
  // A grid version is the organisation's configuration: another organisation has its own version 1.
  if (path.includes("{version}"))
    return { path: path.replace("{version}", String(records.gridVersion)), names: "config" };
  if (/\{(municipality|zone)\}/.test(path))
    return { path: samplePath(path, { zone: WEBHOOK_ZONE }), names: "config" };
  // Referrals consumes no event, so it can have no dead letter.
  if (route.service === "referrals" && path.startsWith("/v1/dead-letters/"))
    return { path: samplePath(path), names: "none" };
  const filled = path
    .replace("{enrolmentId}", owned.enrolment)
    .replace("{itemId}", records.conference.item)
    .replace(/\/v1\/((?:directory\/)?[a-z-]+)\/\{[A-Za-z]+\}/, (_whole, resource: string) => {
      const id = byResource[resource];
      if (!id)
        throw new Error(`${path}: no real record of "${resource}" is seeded — add one to real-records.ts`);
      return `/v1/${resource}/${id}`;
    });
  return { path: filled, names: "records" };
}

/**
 * Bodies that pass each route's validation, so that another organisation's request reaches the
 * lookup of the record (an empty body would be refused first, proving nothing).
 */
const VALID_BODIES: Record<string, unknown> = {
  "PATCH /v1/groups/{id}": { capacity: 12 },
  "PATCH /v1/sessions/{id}": { startsAt: "2027-03-02T19:00:00+01:00" },
  "POST /v1/sessions/{id}/cancel": { reason: "matrix" },
  "POST /v1/groups/{id}/enrolments": {
    personRef: "prs_00000000-0000-7000-8000-000000000001",
    language: "fr",
  },
  "POST /v1/enrolments/{id}/withdraw": {},
  "PUT /v1/sessions/{id}/attendance/{enrolmentId}": { status: "present" },
  "PUT /v1/enrolments/{id}/mandate": {
    authority: "Maison de justice de Namur",
    contactEmail: "mj.namur@justice.e2e.example",
    caseReference: "MJ/matrix/1",
    requiredSessions: 4,
    deadline: "2027-12-31",
  },
  "POST /v1/callbacks/{id}/claim": {},
  "POST /v1/callbacks/{id}/release": {},
  "POST /v1/callbacks/{id}/attempts": { outcome: "no_answer", channel: "phone" },
  "POST /v1/callbacks/{id}/outcome": { outcome: "declined", declinedBy: "person", reason: "not_interested" },
  "PUT /v1/contacts/{personRef}/preferences": {
    channels: ["email"],
    safeWindows: [],
    voicemailAllowed: false,
    discreet: true,
    doNotContact: false,
  },
  "POST /v1/messages/{id}/retry": {},
  "DELETE /v1/calendars/{id}": undefined,
  "POST /v1/check-ins/{id}/resolve": {},
  "POST /v1/dead-letters/{id}/replay": {},
  "POST /v1/callbacks/{id}/assign": { team: "matrix-victims" },
  "PUT /v1/directory/partners/{id}": PARTNER,
  "POST /v1/directory/partners/{id}/archive": {},
  "POST /v1/directory/partners/{id}/restore": {},
  "POST /v1/callbacks/{id}/assessments": { gridVersion: 1, answers: {} },
  "PATCH /v1/conferences/{id}": { title: "matrix" },
  "POST /v1/conferences/{id}/cancel": {},
  "POST /v1/conferences/{id}/items": { referralId: "ref-matrix", summary: "matrix", question: "matrix" },
  "PATCH /v1/conferences/{id}/items/{itemId}": { summary: "matrix" },
  "POST /v1/conferences/{id}/items/{itemId}/decisions": { text: "matrix", actions: [] },
  "PATCH /v1/actions/{id}": { status: "done" },
  "PUT /v1/places/{id}/availability": { windows: [] },
  "PATCH /v1/places/{id}": { label: "matrix" },
  "POST /v1/placements/{id}/confirm": {},
  "POST /v1/placements/{id}/decline": { reason: "matrix" },
  "POST /v1/placements/{id}/extend": { plannedEndDate: "2030-01-01" },
  "POST /v1/placements/{id}/exit": { exit: "unknown" },
  "POST /v1/placements/{id}/follow-up": { outcome: "lost_contact" },
  // Another organisation's coordinator announces its own tasks (none): nothing of this one.
  "POST /v1/oversight/task-announcements": {},
};

/**
 * Routes that act on the whole organisation with an empty body (no record in the path to make
 * up): the allowed roles get a body their validation refuses, which proves access (a 400, not a
 * 403) without acting.
 */
const REFUSED_BODIES: Record<string, unknown> = {
  "POST /v1/oversight/task-announcements": { closedWithinDays: -1 },
};

/** Query parameters a route requires (a period), so that an allowed read is a real one. */
const REQUIRED_QUERY: Record<string, string> = {
  "GET /v1/statistics": "from=2026-01&to=2026-12",
};

function request(
  stack: Stack,
  route: RouteSpec,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Answer> {
  const query = REQUIRED_QUERY[`${route.method} ${route.path}`];
  if (query) path = `${path}?${query}`;
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  return send(`${stack.services[route.service].url}${path}`, {
    method: route.method,
    token,
    headers: {
      ...(hasBody ? { "content-type": "application/json" } : {}),
      ...(route.idempotent ? { "idempotency-key": `matrix-${Math.random()}` } : {}),
    },
    // By default an empty object: enough to reach the role check, never enough to change anything.
    body: hasBody ? JSON.stringify(body ?? {}) : undefined,
  });
}

describe("role matrix", () => {
  let stack: Stack;
  let records: RealRecords;
  let before: Record<string, Record<string, string>>;
  beforeAll(async () => {
    stack = await startStack({ serviceEnv: { referrals: { SCHEDULER_INTERVAL_MS: "250" } } });
    records = await seedRealRecords(stack, "matrix");
    // Let the seeding's events settle (invites sent, team tasks recorded) before the fingerprint.
    await new Promise((r) => setTimeout(r, 1_500));
    before = {};
    for (const name of SERVICE_NAMES)
      before[name] = await snapshotDatabase(stack.services[name].databasePath);
  }, 150_000);
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

  it("answers each route as the table says, and another organisation's real records stay out of reach", async () => {
    const mismatches: string[] = [];
    const leaks: string[] = [];
    let requests = 0;
    let aimedAtRecords = 0;
    // The ids another organisation put in its own requests: its audit trail records its own
    // refused attempts, with the id it asked for (docs/security.md), and that tells it nothing.
    const sentByOther = new Set<string>();
    const leaked = (answer: Answer, route: RouteSpec, path: string) => {
      // A problem may quote the path it refused; anything else the answer names is a leak.
      const body = answer.body.replaceAll(path, "");
      return records.secrets.filter(
        (secret) => body.includes(secret) && !(route.path === "/v1/audit" && sentByOther.has(secret)),
      );
    };
    for (const route of ROUTES) {
      const label = `${route.method} ${route.path} (${route.service})`;
      const key = `${route.method} ${route.path}`;
      if (route.roles === "token-in-path") {
        const answer = await request(stack, route, samplePath(route.path));
        requests += 1;
        if (answer.status !== 404 || !isProblem(answer))
          mismatches.push(`${label} unknown token → ${answer.status}`);
        continue;
      }
      const own = (role: Role) => realPath(route, role, records);
      const anonymous = await request(stack, route, own("coordinator").path);
      requests += 1;
      if (anonymous.status !== 401 || !isProblem(anonymous))
        mismatches.push(`${label} no token → ${anonymous.status}`);
      for (const role of ROLES) {
        const allowed = route.roles.includes(role);
        // A state-changing call of an allowed role goes to a made-up record: a real one would change it.
        const path = route.method === "GET" || !allowed ? own(role).path : samplePath(route.path);
        const answer = await request(
          stack,
          route,
          path,
          await tokenAs(role),
          allowed ? REFUSED_BODIES[key] : undefined,
        );
        requests += 1;
        if (!allowed && (answer.status !== 403 || !isProblem(answer))) {
          mismatches.push(`${label} as ${role} → ${answer.status}, expected 403`);
        }
        // A path that can name nothing real (referrals has no dead letter) answers 404 to everyone.
        if (allowed && route.method === "GET" && answer.status !== 200 && own(role).names !== "none") {
          mismatches.push(
            `${label} as ${role} on its own record → ${answer.status}: ${answer.body.slice(0, 160)}`,
          );
        }
        if (allowed && route.method !== "GET" && (answer.status === 401 || answer.status === 403)) {
          mismatches.push(`${label} as ${role} → ${answer.status}, expected access`);
        }
        if (answer.status >= 500) mismatches.push(`${label} as ${role} → ${answer.status}`);
      }
      // Every allowed role of another organisation, with the same claims, on the real records.
      for (const role of route.roles) {
        const target = own(role);
        const body = key in VALID_BODIES ? VALID_BODIES[key] : undefined;
        const answer = await request(stack, route, target.path, await tokenAs(role, OTHER_ORG), body);
        requests += 1;
        const names = leaked(answer, route, target.path);
        for (const secret of records.secrets) if (target.path.includes(secret)) sentByOther.add(secret);
        if (names.length > 0)
          leaks.push(`${label} as ${role} of another organisation revealed ${names.join(", ")}`);
        if (answer.status >= 500 || answer.status === 401 || answer.status === 403) {
          mismatches.push(`${label} as ${role} of another organisation → ${answer.status}`);
        }
        if (target.names === "records" && route.path.includes("{")) {
          aimedAtRecords += 1;
          const expected = route.method === "GET" || key in VALID_BODIES ? [404] : [400, 404];
          if (!expected.includes(answer.status) || !isProblem(answer)) {
            mismatches.push(
              `${label} as ${role} of another organisation on a real record → ${answer.status}, expected ${expected.join(" or ")}: ${answer.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    expect(aimedAtRecords).toBeGreaterThan(25);

    // Allowed reads are audited (and refusals too), and an allowed POST /v1/calendars (no body
    // needed) creates a feed, as they must; nothing else changed: no record of the organisation
    // was touched by anyone, another organisation's valid writes included.
    const legitimate = ["audit_log", "calendar_feeds"];
    const without = (snapshot: Record<string, string>) =>
      Object.fromEntries(Object.entries(snapshot).filter(([table]) => !legitimate.includes(table)));
    for (const name of SERVICE_NAMES) {
      const after = await snapshotDatabase(stack.services[name].databasePath);
      expect(without(after), `${name} database`).toEqual(without(before[name]!));
    }
  });
});
