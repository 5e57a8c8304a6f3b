// A test delivery to a zone's webhook: signed and retried like a status change, but naming no
// referral, so the zone's records system can check its end without a real case.
import { newId } from "@relais/contracts";
import { NotFound, recordAudit } from "@relais/service-kit";
import { webhookDeliveries } from "../db/schema.js";
import { zoneHasWebhook } from "../db/zone-webhook.js";
import type { Ctx } from "./deps.js";

export async function sendTestDelivery(ctx: Ctx, { zone }: { zone: string }) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return ctx.database.write(async (tx) => {
    if (!(await zoneHasWebhook(tx, principal.org, zone))) throw new NotFound("This zone has no webhook");
    const id = `whd_${newId()}`;
    const payload = JSON.stringify({ type: "webhook.test", timestamp: now.toISOString(), data: { zone } });
    await tx.insert(webhookDeliveries).values({
      id,
      orgId: principal.org,
      zone,
      kind: "test",
      referralId: null,
      payload,
      status: "pending",
      nextAttemptAt: now.toISOString(),
      createdAt: now.toISOString(),
    });
    await recordAudit(tx, {
      principal,
      action: "webhook.test",
      recordType: "police_zone",
      recordId: zone,
      requestId,
      at: now,
    });
    return { id, zone, status: "pending" as const, createdAt: now.toISOString() };
  });
}
