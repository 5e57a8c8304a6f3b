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

export const ROUTES: RouteSpec[] = [
  { service: "referrals", method: "POST", path: "/v1/referrals", roles: ["police"], idempotent: true },
  { service: "referrals", method: "GET", path: "/v1/referrals/{id}", roles: ["caseworker", "coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/referrals/{id}/status", roles: ["police"] },
  { service: "referrals", method: "GET", path: "/v1/callbacks", roles: callbackWorkers },
  { service: "referrals", method: "POST", path: "/v1/callbacks/{id}/claim", roles: callbackWorkers },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/callbacks/{id}/attempts",
    roles: callbackWorkers,
    idempotent: true,
  },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/callbacks/{id}/outcome",
    roles: callbackWorkers,
    idempotent: true,
  },
  { service: "referrals", method: "GET", path: "/v1/routes", roles: ["coordinator"] },
  // For the console (services/referrals README): the zone's list, suggestions, releasing a claim.
  { service: "referrals", method: "GET", path: "/v1/referrals", roles: ["police"] },
  { service: "referrals", method: "GET", path: "/v1/municipalities", roles: ["police", "coordinator"] },
  { service: "referrals", method: "POST", path: "/v1/callbacks/{id}/release", roles: callbackWorkers },
  { service: "referrals", method: "PUT", path: "/v1/routes/{municipality}", roles: ["coordinator"] },
  { service: "referrals", method: "PUT", path: "/v1/police-zones/{zone}/webhook", roles: ["coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/directory/partners", roles: directoryReaders },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/directory/partners",
    roles: ["coordinator"],
    idempotent: true,
  },
  { service: "referrals", method: "GET", path: "/v1/directory/partners/{id}", roles: directoryReaders },
  { service: "referrals", method: "PUT", path: "/v1/directory/partners/{id}", roles: ["coordinator"] },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/directory/partners/{id}/archive",
    roles: ["coordinator"],
  },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/directory/partners/{id}/restore",
    roles: ["coordinator"],
  },
  { service: "groups", method: "POST", path: "/v1/groups", roles: staffGroups, idempotent: true },
  { service: "groups", method: "GET", path: "/v1/groups", roles: staffGroups },
  { service: "groups", method: "GET", path: "/v1/groups/{id}", roles: staffGroups },
  { service: "groups", method: "PATCH", path: "/v1/groups/{id}", roles: staffGroups },
  { service: "groups", method: "GET", path: "/v1/groups/{id}/sessions", roles: groupRunners },
  // For the console's week and month views (services/groups README): my sessions from … to ….
  { service: "groups", method: "GET", path: "/v1/sessions", roles: groupRunners },
  { service: "groups", method: "PATCH", path: "/v1/sessions/{id}", roles: groupRunners },
  { service: "groups", method: "POST", path: "/v1/sessions/{id}/cancel", roles: groupRunners },
  {
    service: "groups",
    method: "POST",
    path: "/v1/groups/{id}/enrolments",
    roles: groupRunners,
    idempotent: true,
  },
  { service: "groups", method: "GET", path: "/v1/groups/{id}/enrolments", roles: groupRunners },
  { service: "groups", method: "POST", path: "/v1/enrolments/{id}/withdraw", roles: groupRunners },
  {
    service: "groups",
    method: "PUT",
    path: "/v1/sessions/{id}/attendance/{enrolmentId}",
    roles: groupRunners,
  },
  { service: "groups", method: "GET", path: "/v1/sessions/{id}/attendance", roles: groupRunners },
  {
    service: "groups",
    method: "GET",
    path: "/v1/enrolments/{id}/attendance-report",
    roles: ["programme_staff", "coordinator"],
  },
  { service: "groups", method: "GET", path: "/v1/placements", roles: staffGroups },
  { service: "notifications", method: "GET", path: "/v1/messages", roles: ["coordinator"] },
  { service: "notifications", method: "GET", path: "/v1/messages/{id}", roles: ["coordinator"] },
  { service: "notifications", method: "POST", path: "/v1/messages/{id}/retry", roles: ["coordinator"] },
  {
    service: "notifications",
    method: "GET",
    path: "/v1/contacts/{personRef}",
    roles: ["caseworker", "coordinator"],
  },
  {
    service: "notifications",
    method: "PUT",
    path: "/v1/contacts/{personRef}/preferences",
    roles: ["caseworker", "coordinator"],
  },
  { service: "notifications", method: "POST", path: "/v1/calendars", roles: groupRunners, idempotent: true },
  { service: "notifications", method: "GET", path: "/v1/calendars/{token}.ics", roles: "token-in-path" },
  // Beyond DESIGN.md's table: routes the services added (see each service's README).
  { service: "groups", method: "GET", path: "/v1/enrolments/{id}/attendance", roles: groupRunners },
  { service: "groups", method: "PUT", path: "/v1/enrolments/{id}/mandate", roles: ["programme_staff"] },
  { service: "groups", method: "GET", path: "/v1/check-ins", roles: ["facilitator", "coordinator"] },
  {
    service: "groups",
    method: "POST",
    path: "/v1/check-ins/{id}/resolve",
    roles: ["facilitator", "coordinator"],
  },
  { service: "groups", method: "POST", path: "/v1/separations", roles: ["coordinator", "admin"] },
  { service: "notifications", method: "DELETE", path: "/v1/calendars/{id}", roles: groupRunners },
  // The coordinator's screens (issue 14; services/referrals README, "Routes for the coordinator").
  { service: "referrals", method: "GET", path: "/v1/oversight/sla", roles: ["coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/oversight/escalations", roles: ["coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/oversight/unrouted", roles: ["coordinator"] },
  { service: "referrals", method: "POST", path: "/v1/callbacks/{id}/assign", roles: ["coordinator"] },
  { service: "referrals", method: "POST", path: "/v1/referrals/lookup", roles: ["coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/police-zones", roles: ["coordinator"] },
  { service: "referrals", method: "GET", path: "/v1/police-zones/{zone}/deliveries", roles: ["coordinator"] },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/police-zones/{zone}/webhook/test",
    roles: ["coordinator"],
  },
  { service: "referrals", method: "GET", path: "/v1/retention", roles: ["coordinator"] },
  // The criticality grid (issue 17; services/referrals README, "Criticality grid").
  { service: "referrals", method: "GET", path: "/v1/criticality-grids", roles: ["coordinator"] },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/criticality-grids",
    roles: ["coordinator"],
    idempotent: true,
  },
  {
    service: "referrals",
    method: "GET",
    path: "/v1/criticality-grids/current",
    roles: ["police", "caseworker", "coordinator"],
  },
  { service: "referrals", method: "GET", path: "/v1/criticality-grids/{version}", roles: callbackWorkers },
  {
    service: "referrals",
    method: "POST",
    path: "/v1/callbacks/{id}/assessments",
    roles: callbackWorkers,
    idempotent: true,
  },
  { service: "referrals", method: "GET", path: "/v1/callbacks/{id}/assessments", roles: callbackWorkers },
  // The evaluation statistics (docs/architecture.md).
  { service: "referrals", method: "GET", path: "/v1/statistics", roles: ["coordinator"] },
  { service: "groups", method: "GET", path: "/v1/statistics", roles: ["coordinator"] },
  { service: "notifications", method: "GET", path: "/v1/statistics", roles: ["coordinator"] },
  // Case conferences (issue 17; services/conferences README): coordinators organise, invited
  // partners and police read what they may and set the status of the actions they own.
  {
    service: "conferences",
    method: "POST",
    path: "/v1/conferences",
    roles: ["coordinator"],
    idempotent: true,
  },
  { service: "conferences", method: "GET", path: "/v1/conferences", roles: conferenceReaders },
  { service: "conferences", method: "GET", path: "/v1/conferences/{id}", roles: conferenceReaders },
  { service: "conferences", method: "PATCH", path: "/v1/conferences/{id}", roles: ["coordinator"] },
  { service: "conferences", method: "POST", path: "/v1/conferences/{id}/cancel", roles: ["coordinator"] },
  {
    service: "conferences",
    method: "POST",
    path: "/v1/conferences/{id}/items",
    roles: ["coordinator"],
    idempotent: true,
  },
  {
    service: "conferences",
    method: "PATCH",
    path: "/v1/conferences/{id}/items/{itemId}",
    roles: ["coordinator"],
  },
  {
    service: "conferences",
    method: "POST",
    path: "/v1/conferences/{id}/items/{itemId}/decisions",
    roles: ["coordinator"],
    idempotent: true,
  },
  { service: "conferences", method: "GET", path: "/v1/conferences/{id}/minutes", roles: conferenceReaders },
  { service: "conferences", method: "GET", path: "/v1/my/items", roles: ["partner", "police"] },
  { service: "conferences", method: "GET", path: "/v1/my/actions", roles: ["partner", "police"] },
  { service: "conferences", method: "PATCH", path: "/v1/actions/{id}", roles: conferenceReaders },
  { service: "conferences", method: "GET", path: "/v1/known-referrals", roles: ["coordinator"] },
  // Emergency housing (issue 17; services/housing README): places and addresses for the housing
  // partner's staff only; requests and follow-ups for call-back workers and coordinators.
  { service: "housing", method: "POST", path: "/v1/places", roles: housingStaff, idempotent: true },
  { service: "housing", method: "GET", path: "/v1/places", roles: housingStaff },
  { service: "housing", method: "GET", path: "/v1/places/{id}", roles: housingStaff },
  { service: "housing", method: "PATCH", path: "/v1/places/{id}", roles: housingStaff },
  { service: "housing", method: "PUT", path: "/v1/places/{id}/availability", roles: housingStaff },
  { service: "housing", method: "GET", path: "/v1/places/{id}/address", roles: housingStaff },
  { service: "housing", method: "POST", path: "/v1/placements", roles: callbackWorkers, idempotent: true },
  { service: "housing", method: "GET", path: "/v1/placements", roles: placementReaders },
  { service: "housing", method: "GET", path: "/v1/placements/{id}", roles: placementReaders },
  ...(["confirm", "decline", "extend", "exit"] as const).map((verb) => ({
    service: "housing" as const,
    method: "POST" as const,
    path: `/v1/placements/{id}/${verb}`,
    roles: housingStaff,
  })),
  { service: "housing", method: "POST", path: "/v1/placements/{id}/follow-up", roles: callbackWorkers },
  { service: "housing", method: "GET", path: "/v1/statistics", roles: ["coordinator"] },
  ...(["groups", "referrals", "notifications", "conferences", "housing"] as const).flatMap((service) => [
    { service, method: "GET" as const, path: "/v1/dead-letters", roles: deadLetterRoles },
    { service, method: "POST" as const, path: "/v1/dead-letters/{id}/replay", roles: deadLetterRoles },
    { service, method: "POST" as const, path: "/v1/dead-letters/replay", roles: deadLetterRoles },
    // Opening a dead letter shows the event as it came, which may carry a person: coordinators.
    { service, method: "GET" as const, path: "/v1/dead-letters/{id}", roles: ["coordinator"] as Role[] },
    // The audit trail, refused attempts included (docs/security.md).
    { service, method: "GET" as const, path: "/v1/audit", roles: ["coordinator"] as Role[] },
  ]),
];

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
