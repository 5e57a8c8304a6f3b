import { defineConsumer } from "@relais/bus";
import { EnrolmentEnded } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { endEnrolment } from "../actions/end-enrolment.js";

export function enrolmentEndedConsumer(deps: NotifyDeps) {
  return defineConsumer({
    stream: "GROUPS",
    durable: "notifications-enrolment-ended",
    filterSubject: EnrolmentEnded.subject,
    events: [EnrolmentEnded],
    async handle(tx, event) {
      await endEnrolment({ ...deps, tx }, event);
    },
  });
}
