// A person a referral names joins only a kind of group their role in it fits (no author in a
// victims' peer group, no victim in a perpetrator programme), however staff reach the enrolment;
// and their referral, not staff, says how they are reached. Pure: the facts come from
// db/referred-persons.ts.
import { type GroupKind, groupKindFits, type PersonRole } from "@relais/contracts";
import { Conflict, type FieldError, Invalid } from "@relais/service-kit";

/** Throws when a referred person (`role`; null: no referral names them) may not join a `kind` group. */
export function assertRoleFits(kind: GroupKind, role: PersonRole | null): void {
  if (role === null || groupKindFits(kind, role)) return;
  // Says that the kind does not fit, not the role: the refusal must not tell who the person is.
  throw new Conflict("This kind of group is not for this person", "group_kind_not_for_role", [
    { path: "personRef", code: "not_for_role", message: "This kind of group is not for this person" },
  ]);
}

/**
 * Throws when staff give contact details or preferences for a referred person: the referral's
 * consent, "do not contact", discretion and channels would be overridden by what was typed here.
 */
export function assertReachedAsReferred(given: { contact?: unknown; preferences?: unknown }): void {
  const errors: FieldError[] = [];
  for (const path of ["contact", "preferences"] as const)
    if (given[path] !== undefined)
      errors.push({ path, code: "from_referral", message: "Comes from the person's referral" });
  if (errors.length > 0)
    throw new Invalid("A referred person's contact details and preferences come from their referral", errors);
}
