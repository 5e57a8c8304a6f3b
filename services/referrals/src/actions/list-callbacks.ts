// The worker's queue: tasks already due first, by risk, then by due time. No contact details here:
// those come with a claim, which is audited.
import { decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { callbackTasks } from "../db/schema.js";
import type { TaskRow } from "../db/task-access.js";
import type { TeamCtx } from "./deps.js";

// An offset is enough here: the queue is short and reordered by time anyway.
const QueueCursor = z.object({ offset: z.number().int().min(0) });

export async function listCallbacks(
  ctx: TeamCtx,
  query: {
    limit: number;
    cursor?: string;
    status: "open" | "closed";
    role?: "victim" | "author";
    team?: string;
  },
): Promise<{ items: TaskRow[]; nextCursor: string | null; now: Date }> {
  const { principal, scope } = ctx;
  const offset = decodeCursor(query.cursor, QueueCursor)?.offset ?? 0;
  const now = ctx.clock.now();
  const rows = await ctx.database.db
    .select()
    .from(callbackTasks)
    .where(
      and(
        eq(callbackTasks.orgId, principal.org),
        eq(callbackTasks.status, query.status),
        scope.kind === "teams" ? inArray(callbackTasks.team, scope.teams) : undefined,
        query.team ? eq(callbackTasks.team, query.team) : undefined,
        query.role ? eq(callbackTasks.role, query.role) : undefined,
      ),
    )
    .orderBy(
      desc(sql`${callbackTasks.dueAt} <= ${now.toISOString()}`),
      asc(callbackTasks.riskRank),
      asc(callbackTasks.dueAt),
      asc(callbackTasks.id),
    )
    .limit(query.limit + 1)
    .offset(offset);
  const items = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? encodeCursor({ offset: offset + query.limit }) : null;
  return { items, nextCursor, now };
}
