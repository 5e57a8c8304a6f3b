import { defineConsumer } from "@relais/bus";
import { EnrolmentWaitlisted } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { waitlistEnrolment } from "../actions/waitlist-enrolment.js";
import { openEnrolmentPerson } from "./sealed-fields.js";

export function enrolmentWaitlistedConsumer(deps: ConsumerDeps) {
  return defineConsumer({
    stream: "GROUPS",
    durable: "notifications-enrolment-waitlisted",
    filterSubject: EnrolmentWaitlisted.subject,
    events: [EnrolmentWaitlisted],
    async handle(tx, event, { logger }) {
      await waitlistEnrolment(
        { ...deps, tx, logger },
        { event, person: () => openEnrolmentPerson(deps.open, event.data.sealed, EnrolmentWaitlisted.type) },
      );
    },
  });
}
