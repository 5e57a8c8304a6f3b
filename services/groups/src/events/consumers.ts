import type { ConsumerDefinition } from "@relais/bus";
import type { Clock, RecipientOpener } from "@relais/service-kit";
import { personPurgedConsumer } from "./person-purged.js";
import { referralReceivedConsumer } from "./referral-received.js";
import { supportRequestedConsumer } from "./support-requested.js";

export function groupConsumers(deps: { clock: Clock; open: RecipientOpener }): ConsumerDefinition[] {
  return [referralReceivedConsumer, supportRequestedConsumer(deps), personPurgedConsumer(deps)];
}
