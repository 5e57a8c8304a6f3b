// Police zones as the coordinator configures them: the registered webhooks, and the zones that
// filed referrals but have none yet.
import { eq } from "drizzle-orm";
import { policeWebhooks, referrals } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function listPoliceZones(ctx: Ctx) {
  const { principal } = ctx;
  const db = ctx.database.db;
  const hooks = await db.select().from(policeWebhooks).where(eq(policeWebhooks.orgId, principal.org));
  const filing = await db
    .selectDistinct({ zone: referrals.zoneId })
    .from(referrals)
    .where(eq(referrals.orgId, principal.org));
  const zones = new Map(
    hooks.map((h) => [
      h.zone,
      {
        zone: h.zone,
        webhook: { url: h.url, enabled: h.enabled, disabledReason: h.disabledReason, updatedAt: h.updatedAt },
      },
    ]),
  );
  for (const { zone } of filing) if (!zones.has(zone)) zones.set(zone, { zone, webhook: null as never });
  return [...zones.values()].sort((a, b) => a.zone.localeCompare(b.zone));
}
