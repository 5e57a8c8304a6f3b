// Which team calls a person back: the routing table by municipality and role, or the coordinators.
import type { PersonRole } from "@relais/contracts";

/** The queue of tasks whose municipality has no route: coordinators see and dispatch them. */
export const COORDINATOR_QUEUE = "coordination";

/** "Liège", "liege " and "LIEGE" are one municipality; hyphens and spaces are the same too. */
export function municipalityKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
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
