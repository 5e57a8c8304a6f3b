// Every event housing publishes says where it comes from: this service, the organisation, the
// request it answers (its correlation id) and when.
import type { EventOrigin } from "@relais/bus";

export const fromHousing = (
  orgId: string,
  correlationId: string | undefined,
  occurredAt: Date,
): EventOrigin => ({
  source: "housing",
  orgId,
  correlationId,
  occurredAt,
});
