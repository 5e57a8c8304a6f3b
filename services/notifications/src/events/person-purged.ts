import { defineConsumer } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { forgetPerson } from "../actions/forget-person.js";

export function personPurgedConsumer(deps: NotifyDeps) {
  return defineConsumer({
    stream: "REFERRALS",
    durable: "notifications-person-purged",
    filterSubject: PersonPurged.subject,
    events: [PersonPurged],
    async handle(tx, event) {
      await forgetPerson({ ...deps, tx }, event.data.personRef);
    },
  });
}
