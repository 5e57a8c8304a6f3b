import type { ConsumerDefinition } from "@relais/bus";
import { EnrolmentEnded } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { endEnrolment } from "../actions/end-enrolment.js";

export function enrolmentEndedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-ended",
    filterSubject: EnrolmentEnded.subject,
    events: [EnrolmentEnded],
    async handle(tx, envelope) {
      await endEnrolment({ ...deps, tx }, EnrolmentEnded.envelope.parse(envelope));
    },
  };
}
