// The SLA overview: each team's open tasks as they stand now, and first-contact times of the tasks
// filed in a period. Task rows only: no person, no note.
import { and, eq, gte, lt } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import { riskFigures, type SlaTask, teamLoads } from "../domain/sla-overview.js";
import type { Ctx } from "./deps.js";

/** "Due soon": due within the next two hours. */
const SOON_MS = 2 * 3_600_000;
const DEFAULT_PERIOD_DAYS = 30;

const columns = {
  team: callbackTasks.team,
  routed: callbackTasks.routed,
  riskLevel: callbackTasks.riskLevel,
  status: callbackTasks.status,
  outcome: callbackTasks.outcome,
  createdAt: callbackTasks.createdAt,
  dueAt: callbackTasks.dueAt,
  slaDeadline: callbackTasks.slaDeadline,
  reachedAt: callbackTasks.reachedAt,
};

export async function slaOverview(ctx: Ctx, period: { from?: string; to?: string }) {
  const { principal } = ctx;
  const now = ctx.clock.now();
  const to = period.to ? new Date(period.to) : now;
  const from = period.from
    ? new Date(period.from)
    : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  const db = ctx.database.db;
  const open: SlaTask[] = await db
    .select(columns)
    .from(callbackTasks)
    .where(and(eq(callbackTasks.orgId, principal.org), eq(callbackTasks.status, "open")));
  const filed: SlaTask[] = await db
    .select(columns)
    .from(callbackTasks)
    .where(
      and(
        eq(callbackTasks.orgId, principal.org),
        gte(callbackTasks.createdAt, from.toISOString()),
        lt(callbackTasks.createdAt, to.toISOString()),
      ),
    );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    now: now.toISOString(),
    teams: teamLoads(open, now, SOON_MS),
    risks: riskFigures(filed, ctx.policy.slaHours, now),
  };
}
