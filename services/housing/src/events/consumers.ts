import type { ConsumerDefinition } from "@relais/bus";
import { type Clock, teamTaskConsumers } from "@relais/service-kit";
import { personPurgedConsumer } from "./person-purged.js";

export function housingConsumers(deps: { clock: Clock }): ConsumerDefinition[] {
  // Which team follows which person: a caseworker asks for a place only for those (request-placement.ts).
  return [personPurgedConsumer(deps), ...teamTaskConsumers("housing")];
}
