// DESIGN.md's public API table: every route and the roles that may call it. The role matrix and
// the hostile-input corpus run against this table and against each service's OpenAPI document.
import type { Role } from "@relais/contracts";
import type { ServiceName } from "./stack.js";

export interface RouteSpec {
  service: ServiceName;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI form, e.g. `/v1/referrals/{id}`. */
  path: string;
  roles: Role[] | "token-in-path";
  /** Creating POSTs take an Idempotency-Key. */
  idempotent?: boolean;
}

const staffGroups: Role[] = ["facilitator", "programme_staff", "coordinator"];
const groupRunners: Role[] = ["facilitator", "programme_staff"];
const deadLetterRoles: Role[] = ["coordinator", "admin"];
// DESIGN.md names caseworkers for the queue; coordinators work it too, because unrouted
// municipalities and escalations land in the coordinators' own queue (issue 4: "coordinators
// everything in their organisation").
const callbackWorkers: Role[] = ["caseworker", "coordinator"];
// The resource directory (issue 17): read by everyone who refers people on, written by coordinators.
const directoryReaders: Role[] = ["caseworker", "coordinator", "facilitator", "programme_staff"];
const conferenceReaders: Role[] = ["coordinator", "partner", "police"];
const housingStaff: Role[] = ["housing_staff"];
const placementReaders: Role[] = ["caseworker", "coordinator", "housing_staff"];

/** One line of the table: service, method, path, who may call it, "idempotent" on creating POSTs. */
type Row = [ServiceName, RouteSpec["method"], string, RouteSpec["roles"], "idempotent"?];

const TABLE: Row[] = [
  ["referrals", "POST", "/v1/referrals", ["police"], "idempotent"],
  ["referrals", "GET", "/v1/referrals/{id}", ["caseworker", "coordinator"]],
  ["referrals", "GET", "/v1/referrals/{id}/status", ["police"]],
  ["referrals", "GET", "/v1/callbacks", callbackWorkers],
  ["referrals", "POST", "/v1/callbacks/{id}/claim", callbackWorkers],
  ["referrals", "POST", "/v1/callbacks/{id}/attempts", callbackWorkers, "idempotent"],
  ["referrals", "POST", "/v1/callbacks/{id}/outcome", callbackWorkers, "idempotent"],
  ["referrals", "GET", "/v1/routes", ["coordinator"]],
  // For the console (services/referrals README): the zone's list, suggestions, releasing a claim.
  ["referrals", "GET", "/v1/referrals", ["police"]],
  ["referrals", "GET", "/v1/municipalities", ["police", "coordinator"]],
  ["referrals", "POST", "/v1/callbacks/{id}/release", callbackWorkers],
  ["referrals", "PUT", "/v1/routes/{municipality}", ["coordinator"]],
  ["referrals", "PUT", "/v1/police-zones/{zone}/webhook", ["coordinator"]],
  ["referrals", "GET", "/v1/directory/partners", directoryReaders],
  ["referrals", "POST", "/v1/directory/partners", ["coordinator"], "idempotent"],
  ["referrals", "GET", "/v1/directory/partners/{id}", directoryReaders],
  ["referrals", "PUT", "/v1/directory/partners/{id}", ["coordinator"]],
  ["referrals", "POST", "/v1/directory/partners/{id}/archive", ["coordinator"]],
  ["referrals", "POST", "/v1/directory/partners/{id}/restore", ["coordinator"]],
  ["groups", "POST", "/v1/groups", staffGroups, "idempotent"],
  ["groups", "GET", "/v1/groups", staffGroups],
  ["groups", "GET", "/v1/groups/{id}", staffGroups],
  ["groups", "PATCH", "/v1/groups/{id}", staffGroups],
  ["groups", "GET", "/v1/groups/{id}/sessions", groupRunners],
  // For the console's week and month views (services/groups README): my sessions from … to ….
  ["groups", "GET", "/v1/sessions", groupRunners],
  ["groups", "PATCH", "/v1/sessions/{id}", groupRunners],
  ["groups", "POST", "/v1/sessions/{id}/cancel", groupRunners],
  ["groups", "POST", "/v1/groups/{id}/enrolments", groupRunners, "idempotent"],
  ["groups", "GET", "/v1/groups/{id}/enrolments", groupRunners],
  ["groups", "POST", "/v1/enrolments/{id}/withdraw", groupRunners],
  ["groups", "PUT", "/v1/sessions/{id}/attendance/{enrolmentId}", groupRunners],
  ["groups", "GET", "/v1/sessions/{id}/attendance", groupRunners],
  ["groups", "GET", "/v1/enrolments/{id}/attendance-report", ["programme_staff", "coordinator"]],
  ["groups", "GET", "/v1/placements", staffGroups],
  ["notifications", "GET", "/v1/messages", ["coordinator"]],
  ["notifications", "GET", "/v1/messages/{id}", ["coordinator"]],
  ["notifications", "POST", "/v1/messages/{id}/retry", ["coordinator"]],
  ["notifications", "GET", "/v1/contacts/{personRef}", ["caseworker", "coordinator"]],
  ["notifications", "PUT", "/v1/contacts/{personRef}/preferences", ["caseworker", "coordinator"]],
  ["notifications", "POST", "/v1/calendars", groupRunners, "idempotent"],
  ["notifications", "GET", "/v1/calendars/{token}.ics", "token-in-path"],
  // Beyond DESIGN.md's table: routes the services added (see each service's README).
  ["groups", "GET", "/v1/enrolments/{id}/attendance", groupRunners],
  ["groups", "PUT", "/v1/enrolments/{id}/mandate", ["programme_staff"]],
  ["groups", "GET", "/v1/check-ins", ["facilitator", "coordinator"]],
  ["groups", "POST", "/v1/check-ins/{id}/resolve", ["facilitator", "coordinator"]],
  ["groups", "POST", "/v1/separations", ["coordinator", "admin"]],
  ["notifications", "DELETE", "/v1/calendars/{id}", groupRunners],
  // The coordinator's screens (issue 14; services/referrals README, "Routes for the coordinator").
  ["referrals", "GET", "/v1/oversight/sla", ["coordinator"]],
  ["referrals", "GET", "/v1/oversight/escalations", ["coordinator"]],
  ["referrals", "GET", "/v1/oversight/unrouted", ["coordinator"]],
  ["referrals", "POST", "/v1/callbacks/{id}/assign", ["coordinator"]],
  // Announcing the tasks again for a service that joined late: an operation, so admins too.
  ["referrals", "POST", "/v1/oversight/task-announcements", ["coordinator", "admin"]],
  ["referrals", "POST", "/v1/referrals/lookup", ["coordinator"]],
  ["referrals", "GET", "/v1/police-zones", ["coordinator"]],
  ["referrals", "GET", "/v1/police-zones/{zone}/deliveries", ["coordinator"]],
  ["referrals", "POST", "/v1/police-zones/{zone}/webhook/test", ["coordinator"]],
  ["referrals", "GET", "/v1/retention", ["coordinator"]],
  // The criticality grid (issue 17; services/referrals README, "Criticality grid").
  ["referrals", "GET", "/v1/criticality-grids", ["coordinator"]],
  ["referrals", "POST", "/v1/criticality-grids", ["coordinator"], "idempotent"],
  ["referrals", "GET", "/v1/criticality-grids/current", ["police", "caseworker", "coordinator"]],
  ["referrals", "GET", "/v1/criticality-grids/{version}", callbackWorkers],
  ["referrals", "POST", "/v1/callbacks/{id}/assessments", callbackWorkers, "idempotent"],
  ["referrals", "GET", "/v1/callbacks/{id}/assessments", callbackWorkers],
  // The evaluation statistics (docs/architecture.md).
  ["referrals", "GET", "/v1/statistics", ["coordinator"]],
  ["groups", "GET", "/v1/statistics", ["coordinator"]],
  ["notifications", "GET", "/v1/statistics", ["coordinator"]],
  // Case conferences (issue 17; services/conferences README): coordinators organise, invited
  // partners and police read what they may and set the status of the actions they own.
  ["conferences", "POST", "/v1/conferences", ["coordinator"], "idempotent"],
  ["conferences", "GET", "/v1/conferences", conferenceReaders],
  ["conferences", "GET", "/v1/conferences/{id}", conferenceReaders],
  ["conferences", "PATCH", "/v1/conferences/{id}", ["coordinator"]],
  ["conferences", "POST", "/v1/conferences/{id}/cancel", ["coordinator"]],
  ["conferences", "POST", "/v1/conferences/{id}/items", ["coordinator"], "idempotent"],
  ["conferences", "PATCH", "/v1/conferences/{id}/items/{itemId}", ["coordinator"]],
  ["conferences", "POST", "/v1/conferences/{id}/items/{itemId}/decisions", ["coordinator"], "idempotent"],
  ["conferences", "GET", "/v1/conferences/{id}/minutes", conferenceReaders],
  ["conferences", "GET", "/v1/my/items", ["partner", "police"]],
  ["conferences", "GET", "/v1/my/actions", ["partner", "police"]],
  ["conferences", "PATCH", "/v1/actions/{id}", conferenceReaders],
  ["conferences", "GET", "/v1/known-referrals", ["coordinator"]],
  // Emergency housing (issue 17; services/housing README): places and addresses for the housing
  // partner's staff only; requests and follow-ups for call-back workers and coordinators.
  ["housing", "POST", "/v1/places", housingStaff, "idempotent"],
  ["housing", "GET", "/v1/places", housingStaff],
  ["housing", "GET", "/v1/places/{id}", housingStaff],
  ["housing", "PATCH", "/v1/places/{id}", housingStaff],
  ["housing", "PUT", "/v1/places/{id}/availability", housingStaff],
  ["housing", "GET", "/v1/places/{id}/address", housingStaff],
  ["housing", "POST", "/v1/placements", callbackWorkers, "idempotent"],
  ["housing", "GET", "/v1/placements", placementReaders],
  ["housing", "GET", "/v1/placements/{id}", placementReaders],
  ...(["confirm", "decline", "extend", "exit"] as const).map(
    (verb): Row => ["housing", "POST", `/v1/placements/{id}/${verb}`, housingStaff],
  ),
  ["housing", "POST", "/v1/placements/{id}/follow-up", callbackWorkers],
  ["housing", "GET", "/v1/statistics", ["coordinator"]],
  ...(["groups", "referrals", "notifications", "conferences", "housing"] as const).flatMap(
    (service): Row[] => [
      [service, "GET", "/v1/dead-letters", deadLetterRoles],
      [service, "POST", "/v1/dead-letters/{id}/replay", deadLetterRoles],
      [service, "POST", "/v1/dead-letters/replay", deadLetterRoles],
      // Opening a dead letter shows the event as it came, which may carry a person: coordinators.
      [service, "GET", "/v1/dead-letters/{id}", ["coordinator"]],
      // The audit trail, refused attempts included (docs/security.md).
      [service, "GET", "/v1/audit", ["coordinator"]],
    ],
  ),
];

export const ROUTES: RouteSpec[] = TABLE.map(([service, method, path, roles, idempotent]) =>
  idempotent ? { service, method, path, roles, idempotent: true } : { service, method, path, roles },
);

/**
 * A well-formed value for each path parameter that names nothing that exists; `zone` names the
 * police zone (an organisation's configuration, not a record) where a test needs a configured one.
 */
export function samplePath(path: string, { zone = "5277" }: { zone?: string } = {}): string {
  return path
    .replace("{personRef}", "prs_00000000-0000-7000-8000-000000000000")
    .replace("{municipality}", "Seraing")
    .replace("{zone}", zone)
    .replace("{token}", "a".repeat(43))
    .replace(/\{[A-Za-z]+\}/g, "00000000-0000-7000-8000-000000000000");
}

export function withPathValue(path: string, value: string): string | undefined {
  if (!path.includes("{")) return undefined;
  return path.replace(/\{[A-Za-z]+\}/, encodeURIComponent(value)).replace(/\{[A-Za-z]+\}/g, "x");
}
