import { defineConsumer } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { fileReferralContacts } from "../actions/file-referral-contacts.js";
import { openReferralPerson } from "./sealed-fields.js";

export function referralReceivedConsumer(deps: ConsumerDeps) {
  return defineConsumer({
    stream: "REFERRALS",
    durable: "notifications-referral-received",
    filterSubject: ReferralReceived.subject,
    events: [ReferralReceived],
    async handle(tx, event) {
      await fileReferralContacts(
        { ...deps, tx },
        {
          event: event,
          open: (person) => openReferralPerson(deps.open, person.sealed),
        },
      );
    },
  });
}
