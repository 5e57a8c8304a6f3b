import { defineConsumer } from "@relais/bus";
import { EnrolmentConfirmed } from "@relais/contracts";
import { confirmEnrolment } from "../actions/confirm-enrolment.js";
import type { ConsumerDeps } from "../actions/context.js";
import { openEnrolmentPerson } from "./sealed-fields.js";

export function enrolmentConfirmedConsumer(deps: ConsumerDeps) {
  return defineConsumer({
    stream: "GROUPS",
    durable: "notifications-enrolment-confirmed",
    filterSubject: EnrolmentConfirmed.subject,
    events: [EnrolmentConfirmed],
    async handle(tx, event, { logger }) {
      await confirmEnrolment(
        { ...deps, tx, logger },
        { event, person: () => openEnrolmentPerson(deps.open, event.data.sealed, EnrolmentConfirmed.type) },
      );
    },
  });
}
