// Names and contact details reach notifications sealed for it inside events; this opens them.
// A value that cannot be opened (a key not configured yet during a rotation) throws: the event is
// retried and, at the bound, dead-lettered for replay once the key is in place.
import { EnrolmentPersonSealed, ReferralPersonSealed, ReferralReceived } from "@relais/contracts";
import type { RecipientOpener } from "@relais/service-kit";

export function openReferralPerson(
  open: RecipientOpener,
  sealed: string | undefined,
): ReferralPersonSealed | undefined {
  return sealed ? ReferralPersonSealed.parse(open.open(sealed, ReferralReceived.type)) : undefined;
}

/** `type` is the event's: a value sealed for one kind of event does not open in another. */
export function openEnrolmentPerson(
  open: RecipientOpener,
  sealed: string | undefined,
  type: string,
): EnrolmentPersonSealed {
  return sealed ? EnrolmentPersonSealed.parse(open.open(sealed, type)) : {};
}
