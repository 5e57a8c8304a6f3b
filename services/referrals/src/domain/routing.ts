// Which team calls a person back: the routing table by municipality and role, or the coordinators.
import { COORDINATOR_QUEUE, type PersonRole } from "@relais/contracts";

/** Where tasks of municipalities with no route go (named in `@relais/contracts`: the kit needs it too). */
export { COORDINATOR_QUEUE };

// Every intake needs its municipality's key, and a region files for a few hundred names: the
// Unicode normalisation and four regular expressions were ~0.4 % of an intake's CPU.
const keys = new Map<string, string>();
const KEYS_AT_MOST = 2_000;

/** "Liège", "liege " and "LIEGE" are one municipality; hyphens and spaces are the same too. */
export function municipalityKey(name: string): string {
  const known = keys.get(name);
  if (known !== undefined) return known;
  const key = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  // Bounded: the names come from requests.
  if (keys.size >= KEYS_AT_MOST) keys.delete(keys.keys().next().value!);
  keys.set(name, key);
  return key;
}

export interface RouteEntry {
  role: PersonRole;
  team: string;
  teamEmail: string | null;
}

export interface Assignment {
  team: string;
  teamEmail: string | null;
  routed: boolean;
}

export function assignTeam(routes: RouteEntry[], role: PersonRole): Assignment {
  const route = routes.find((r) => r.role === role);
  if (!route) return { team: COORDINATOR_QUEUE, teamEmail: null, routed: false };
  return { team: route.team, teamEmail: route.teamEmail, routed: true };
}
