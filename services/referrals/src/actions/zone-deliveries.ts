// A zone's webhook delivery log: each delivery with its HTTP attempts (status code, error, time)
// and the next retry. No payload: the status and the referral id say what was sent.
import { NotFound } from "@relais/service-kit";
import { and, desc, eq, inArray } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries } from "../db/schema.js";
import { zoneHasWebhook } from "../db/zone-webhook.js";
import type { Ctx } from "./deps.js";

export async function listZoneDeliveries(ctx: Ctx, { zone, limit }: { zone: string; limit: number }) {
  const { principal } = ctx;
  const db = ctx.database.db;
  // Deliveries exist only for a zone with a webhook: any other zone is not one the caller can know.
  if (!(await zoneHasWebhook(db, principal.org, zone)))
    throw new NotFound("No webhook is registered for this police zone");
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, principal.org), eq(webhookDeliveries.zone, zone)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(webhookAttempts.at)
    : [];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    referralId: row.referralId,
    status: row.status,
    attempts: attempts
      .filter((a) => a.deliveryId === row.id)
      .map((a) => ({ at: a.at, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  }));
}
