import type { ConsumerDefinition } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { fileReferralContacts } from "../actions/file-referral-contacts.js";
import { openReferralPerson } from "./sealed-fields.js";

export function referralReceivedConsumer(deps: ConsumerDeps): ConsumerDefinition {
  return {
    stream: "REFERRALS",
    durable: "notifications-referral-received",
    filterSubject: ReferralReceived.subject,
    events: [ReferralReceived],
    async handle(tx, envelope) {
      await fileReferralContacts(
        { ...deps, tx },
        {
          event: ReferralReceived.envelope.parse(envelope),
          open: (person) => openReferralPerson(deps.open, person.sealed),
        },
      );
    },
  };
}
