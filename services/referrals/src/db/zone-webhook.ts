// Whether a police zone of the organisation has a webhook: a zone without one has no deliveries,
// and is not one the caller can know of through them.
import { type Executor, rowExists } from "@relais/db";
import { eq } from "drizzle-orm";
import { policeWebhooks } from "./schema.js";

export function zoneHasWebhook(db: Executor, orgId: string, zone: string): Promise<boolean> {
  return rowExists(db, policeWebhooks, [eq(policeWebhooks.orgId, orgId), eq(policeWebhooks.zone, zone)]);
}
