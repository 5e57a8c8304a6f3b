// Turns an IdP's ID-token claims into a Relais user. Which claim holds what differs per IdP
// (Keycloak, Entra ID, the federal authentication service), so the names are configuration.
import { ROLES, type Role } from "@relais/contracts";
import { Unauthorized } from "@relais/service-kit";
import { z } from "zod";
import type { ConsoleUser } from "./user.js";

export const ClaimsMapping = z
  .object({
    /** Claim naming the organisation, or `org` fixed for every user of this IdP. */
    orgClaim: z.string().min(1).default("org"),
    org: z.string().min(1).optional(),
    rolesClaim: z.string().min(1).default("roles"),
    /** IdP role or group name → Relais role; unmapped names that are Relais roles pass as they are. */
    roleMap: z.record(z.string(), z.enum(ROLES)).default({}),
    teamsClaim: z.string().min(1).default("teams"),
    zoneClaim: z.string().min(1).default("zone"),
    nameClaim: z.string().min(1).default("name"),
  })
  .strict();
export type ClaimsMapping = z.infer<typeof ClaimsMapping>;

/** Reads `a.b.c` paths too, for IdPs that nest (Keycloak's `realm_access.roles`). */
function claim(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

const KNOWN = new Set<string>(ROLES);

export function userFromClaims(mapping: ClaimsMapping, claims: Record<string, unknown>): ConsoleUser {
  const sub = claims.sub;
  if (typeof sub !== "string" || sub === "") throw new Unauthorized("The identity provider sent no subject");
  const org = mapping.org ?? strings(claim(claims, mapping.orgClaim))[0];
  if (!org) throw new Unauthorized(`The identity provider sent no organisation (claim ${mapping.orgClaim})`);
  const roles = [
    ...new Set(
      strings(claim(claims, mapping.rolesClaim))
        .map((name) => mapping.roleMap[name] ?? (KNOWN.has(name) ? (name as Role) : undefined))
        .filter((role): role is Role => role !== undefined),
    ),
  ];
  if (roles.length === 0) throw new Unauthorized("Your account has no Relais role");
  const name = claim(claims, mapping.nameClaim);
  const zone = strings(claim(claims, mapping.zoneClaim))[0];
  return {
    sub,
    org,
    roles,
    teams: strings(claim(claims, mapping.teamsClaim)),
    ...(zone ? { zone } : {}),
    name: typeof name === "string" && name.trim() !== "" ? name.trim().slice(0, 120) : sub.slice(0, 120),
  };
}
