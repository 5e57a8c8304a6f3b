// Names and contact details reach notifications sealed for it inside events; this opens them.
// A value that cannot be opened (a key not configured yet during a rotation) throws: the event is
// retried and, at the bound, dead-lettered for replay once the key is in place.
import { consumerOf, type EventOf } from "@relais/bus";
import {
  type EnrolmentConfirmed,
  EnrolmentPersonSealed,
  type EnrolmentWaitlisted,
  ReferralPersonSealed,
  ReferralReceived,
} from "@relais/contracts";
import type { RecipientOpener } from "@relais/service-kit";
import type { ConsumerDeps, TxContext } from "../actions/context.js";

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

type EnrolmentEvent = typeof EnrolmentConfirmed | typeof EnrolmentWaitlisted;

/**
 * The consumer of an enrolment event that may carry the person sealed: its verb gets the person
 * opened on demand (after its purge check, so an event about a purged person never needs the key).
 */
export function enrolmentConsumer<const E extends EnrolmentEvent>(
  deps: ConsumerDeps,
  definition: E,
  durable: `notifications-${string}`,
  verb: (ctx: TxContext, input: { event: EventOf<E>; person: () => EnrolmentPersonSealed }) => Promise<void>,
) {
  return consumerOf(definition, durable, async (tx, event, { logger }) => {
    const person = () => openEnrolmentPerson(deps.open, event.data.sealed, definition.type);
    await verb({ ...deps, tx, logger }, { event, person });
  });
}
