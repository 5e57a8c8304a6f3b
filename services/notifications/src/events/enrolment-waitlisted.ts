import { EnrolmentWaitlisted } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { waitlistEnrolment } from "../actions/waitlist-enrolment.js";
import { enrolmentConsumer } from "./sealed-fields.js";

export function enrolmentWaitlistedConsumer(deps: ConsumerDeps) {
  return enrolmentConsumer(
    deps,
    EnrolmentWaitlisted,
    "notifications-enrolment-waitlisted",
    waitlistEnrolment,
  );
}
