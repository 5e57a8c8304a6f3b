// The coordinators' queue: open tasks of municipalities the routing table does not know, with the
// municipality, so the coordinator can assign a team and add the missing route.
import { and, asc, eq } from "drizzle-orm";
import { callbackTasks, referrals } from "../db/schema.js";
import { COORDINATOR_QUEUE } from "../domain/routing.js";
import type { Ctx } from "./deps.js";

export async function listUnrouted(ctx: Ctx, { limit }: { limit: number }) {
  const { principal } = ctx;
  const t = callbackTasks;
  return ctx.database.db
    .select({
      id: t.id,
      referralId: t.referralId,
      role: t.role,
      riskLevel: t.riskLevel,
      municipality: referrals.municipality,
      createdAt: t.createdAt,
      dueAt: t.dueAt,
      slaDeadline: t.slaDeadline,
      attempts: t.attempts,
    })
    .from(t)
    .innerJoin(referrals, eq(referrals.id, t.referralId))
    .where(and(eq(t.orgId, principal.org), eq(t.status, "open"), eq(t.team, COORDINATOR_QUEUE)))
    .orderBy(asc(t.riskRank), asc(t.slaDeadline))
    .limit(limit);
}
