import { consumerOf } from "@relais/bus";
import { EnrolmentEnded } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { endEnrolment } from "../actions/end-enrolment.js";

export function enrolmentEndedConsumer(deps: NotifyDeps) {
  return consumerOf(EnrolmentEnded, "notifications-enrolment-ended", async (tx, event) => {
    await endEnrolment({ ...deps, tx }, event);
  });
}
