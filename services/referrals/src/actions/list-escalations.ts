// Escalations: open tasks past their SLA deadline with nobody reached, and tasks of the period whose
// first contact came late or never, and open tasks whose risk a criticality assessment raised, with
// what was already done about them (alerts, attempts).
import { and, desc, eq, gt, gte, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function listEscalations(ctx: Ctx, period: { from?: string; limit: number }) {
  const { principal } = ctx;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const from = period.from ?? new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const t = callbackTasks;
  const rows = await ctx.database.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.orgId, principal.org),
        or(
          and(eq(t.status, "open"), isNull(t.reachedAt), lte(t.slaDeadline, at)),
          // A criticality assessment raised its risk (README "Criticality grid").
          and(eq(t.status, "open"), isNotNull(t.escalatedAt), gte(t.escalatedAt, from)),
          and(gte(t.createdAt, from), isNotNull(t.reachedAt), gt(t.reachedAt, t.slaDeadline)),
          and(gte(t.createdAt, from), eq(t.outcome, "unreachable")),
        ),
      ),
    )
    .orderBy(desc(sql`${t.status} = 'open'`), t.slaDeadline)
    .limit(period.limit);
  return rows.map((row) => ({
    id: row.id,
    referralId: row.referralId,
    role: row.role,
    team: row.team,
    routed: row.routed,
    riskLevel: row.riskLevel,
    status: row.status,
    outcome: row.outcome,
    kind: escalationKind(row, at),
    escalatedAt: row.escalatedAt,
    createdAt: row.createdAt,
    slaDeadline: row.slaDeadline,
    reachedAt: row.reachedAt,
    attempts: row.attempts,
    dueAlertAt: row.dueNotifiedAt,
    overdueAlertAt: row.overdueNotifiedAt,
    claimedBy: row.claimExpiresAt && row.claimExpiresAt > at ? row.claimedBy : null,
  }));
}

function escalationKind(
  row: typeof callbackTasks.$inferSelect,
  at: string,
): "overdue" | "raised" | "breached" {
  if (row.status === "open" && !row.reachedAt && row.slaDeadline <= at) return "overdue";
  if (row.status === "open" && row.escalatedAt) return "raised";
  return "breached";
}
