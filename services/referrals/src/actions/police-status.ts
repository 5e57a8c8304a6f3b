// The feedback the filing police zone may see: status, first contact and, per person, why no
// call-back was made. Never names, contact details or notes.
import { ReferralStatus } from "@relais/contracts";
import { NotFound, recordAudit } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { persons, referrals } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function policeStatus(ctx: Ctx, { zoneId, id }: { zoneId: string; id: string }) {
  const { principal, requestId } = ctx;
  const [row] = await ctx.database.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.orgId, principal.org), eq(referrals.zoneId, zoneId)))
    .limit(1);
  if (!row) throw new NotFound("No referral with this id was filed by your zone");
  const people = await ctx.database.db
    .select({ role: persons.role, reason: persons.noTaskReason })
    .from(persons)
    .where(eq(persons.referralId, id));
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "referral.status.read",
      recordType: "referral",
      recordId: id,
      requestId,
      at: ctx.clock.now(),
    }),
  );
  return {
    id: row.id,
    incidentReference: row.incidentReference,
    status: ReferralStatus.parse(row.status),
    firstContactAt: row.firstContactAt,
    updatedAt: row.updatedAt,
    persons: people.map((p) => ({ role: p.role, callback: p.reason === null, reason: p.reason })),
  };
}
