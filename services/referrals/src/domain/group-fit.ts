// Which group kinds a referred person may be offered: the rule an accepted offer is checked by.
import type { GroupKind, PersonRole } from "@relais/contracts";

/** Victims are never placed in a perpetrator programme, nor authors in a victims' peer group. */
export function groupKindFits(kind: GroupKind, role: PersonRole): boolean {
  if (kind === "perpetrator") return role === "author";
  if (kind === "victim_peer") return role === "victim";
  return true;
}
