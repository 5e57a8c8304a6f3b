import type { ConsumerDefinition } from "@relais/bus";
import { teamTaskConsumers } from "@relais/service-kit";
import type { ConsumerDeps } from "../actions/context.js";
import { callbackAlertConsumers } from "./callback-alerts.js";
import { complianceBreachedConsumer } from "./compliance-breached.js";
import { conferenceConsumers } from "./conferences.js";
import { enrolmentConfirmedConsumer } from "./enrolment-confirmed.js";
import { enrolmentEndedConsumer } from "./enrolment-ended.js";
import { enrolmentWaitlistedConsumer } from "./enrolment-waitlisted.js";
import { personPurgedConsumer } from "./person-purged.js";
import { placementConfirmedConsumer } from "./placement-confirmed.js";
import { referralReceivedConsumer } from "./referral-received.js";
import { sessionCancelledConsumer } from "./session-cancelled.js";
import { sessionChangedConsumer } from "./session-changed.js";

export function consumers(deps: ConsumerDeps): ConsumerDefinition[] {
  return [
    referralReceivedConsumer(deps),
    personPurgedConsumer(deps),
    ...callbackAlertConsumers(deps),
    // Which team holds which call-back task (due and overdue alerts record it too).
    ...teamTaskConsumers("notifications"),
    enrolmentConfirmedConsumer(deps),
    enrolmentWaitlistedConsumer(deps),
    enrolmentEndedConsumer(deps),
    sessionChangedConsumer(deps),
    sessionCancelledConsumer(deps),
    complianceBreachedConsumer(deps),
    placementConfirmedConsumer(deps),
    ...conferenceConsumers(deps),
  ];
}
