import { consumerOf } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { forgetPerson } from "../actions/forget-person.js";

export function personPurgedConsumer(deps: NotifyDeps) {
  return consumerOf(PersonPurged, "notifications-person-purged", async (tx, event) => {
    await forgetPerson({ ...deps, tx }, event.data.personRef);
  });
}
