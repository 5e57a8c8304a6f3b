import type { ConsumerDefinition } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { forgetPerson } from "../actions/forget-person.js";

export function personPurgedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "REFERRALS",
    durable: "notifications-person-purged",
    filterSubject: PersonPurged.subject,
    events: [PersonPurged],
    async handle(tx, envelope) {
      await forgetPerson({ ...deps, tx }, PersonPurged.envelope.parse(envelope).data.personRef);
    },
  };
}
