import { EnrolmentConfirmed } from "@relais/contracts";
import { confirmEnrolment } from "../actions/confirm-enrolment.js";
import type { ConsumerDeps } from "../actions/context.js";
import { enrolmentConsumer } from "./sealed-fields.js";

export function enrolmentConfirmedConsumer(deps: ConsumerDeps) {
  return enrolmentConsumer(deps, EnrolmentConfirmed, "notifications-enrolment-confirmed", confirmEnrolment);
}
