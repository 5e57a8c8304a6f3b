import { consumerOf } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { fileReferralContacts } from "../actions/file-referral-contacts.js";
import { openReferralPerson } from "./sealed-fields.js";

export function referralReceivedConsumer(deps: ConsumerDeps) {
  return consumerOf(ReferralReceived, "notifications-referral-received", async (tx, event, { logger }) => {
    await fileReferralContacts(
      { ...deps, tx, logger },
      {
        event: event,
        open: (person) => openReferralPerson(deps.open, person.sealed),
      },
    );
  });
}
