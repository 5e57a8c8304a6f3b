import type { ConsumerDefinition } from "@relais/bus";
import type { Clock } from "@relais/service-kit";
import { personPurgedConsumer } from "./person-purged.js";

export function housingConsumers(deps: { clock: Clock }): ConsumerDefinition[] {
  return [personPurgedConsumer(deps)];
}
