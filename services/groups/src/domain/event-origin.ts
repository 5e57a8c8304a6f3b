// Every event groups publishes says where it comes from: this service, the organisation, the
// request it answers (its correlation id) and when.
import type { EventOrigin } from "@relais/bus";

export const fromGroups = (
  orgId: string,
  correlationId: string | undefined,
  occurredAt: Date,
): EventOrigin => ({
  source: "groups",
  orgId,
  correlationId,
  occurredAt,
});
