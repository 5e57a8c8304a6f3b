// Which group kinds a referred person may join: the rule a call-back's accepted offer (referrals)
// and every enrolment of a referred person (groups) are checked by.
import type { GroupKind, PersonRole } from "./events/referrals.js";

/** Victims are never placed in a perpetrator programme, nor authors in a victims' peer group. */
export function groupKindFits(kind: GroupKind, role: PersonRole): boolean {
  if (kind === "perpetrator") return role === "author";
  if (kind === "victim_peer") return role === "victim";
  return true;
}
