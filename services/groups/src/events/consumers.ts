import type { ConsumerDefinition } from "@relais/bus";
import type { Clock } from "@relais/service-kit";
import { personPurgedConsumer } from "./person-purged.js";
import { referralReceivedConsumer } from "./referral-received.js";
import { supportRequestedConsumer } from "./support-requested.js";

export function groupConsumers(deps: { clock: Clock }): ConsumerDefinition[] {
  return [referralReceivedConsumer, supportRequestedConsumer(deps), personPurgedConsumer(deps)];
}
