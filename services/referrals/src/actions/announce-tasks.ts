// Announces the organisation's call-back tasks again: `callback.opened` for every open task (with
// the team that holds it now) and `callback.closed` for every task closed within the last
// `closedWithinDays`. For a service that joins a running deployment (housing added later, a
// notifications database restored from a backup): the REFERRALS stream keeps 30 days, so a task
// opened before that is unknown to it, and its team is refused the person's contact or a place.
//
// Safe to repeat: the consumers upsert (service-kit's team-tasks.ts). An opening is announced at
// the task's creation, so it never moves a task back from a team a later assignment gave it to;
// a closing at its own moment. Each batch is one write transaction: a long history never holds
// the writer for long.
import { enqueue } from "@relais/bus";
import { DAY_MS, recordAudit } from "@relais/service-kit";
import { and, asc, eq, gt, gte, isNotNull, or } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import { announceOpenAgain } from "../db/task-announcements.js";
import { taskClosed } from "../domain/task-events.js";
import type { Ctx } from "./deps.js";

const BATCH = 500;

export interface Announced {
  opened: number;
  closed: number;
}

export async function announceTasks(ctx: Ctx, input: { closedWithinDays: number }): Promise<Announced> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  const closedSince = new Date(now.getTime() - input.closedWithinDays * DAY_MS).toISOString();
  const announced: Announced = { opened: 0, closed: 0 };
  let after = "";
  for (;;) {
    const batch = await ctx.database.write(async (tx) => {
      const tasks = await tx
        .select()
        .from(callbackTasks)
        .where(
          and(
            eq(callbackTasks.orgId, principal.org),
            gt(callbackTasks.id, after),
            or(
              eq(callbackTasks.status, "open"),
              and(gte(callbackTasks.closedAt, closedSince), isNotNull(callbackTasks.outcome)),
            ),
          ),
        )
        .orderBy(asc(callbackTasks.id))
        .limit(BATCH);
      await announceOpenAgain(
        tx,
        tasks.filter((task) => task.status === "open"),
        now,
        () => requestId,
      );
      const closed = tasks.filter((task) => task.status === "closed");
      await enqueue(
        tx,
        ...closed.map((task) => taskClosed(task, task.outcome!, new Date(task.closedAt!), requestId)),
      );
      return tasks;
    });
    for (const task of batch) announced[task.status === "open" ? "opened" : "closed"] += 1;
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.id;
  }
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "callback.announce",
      recordType: "organisation",
      recordId: principal.org,
      requestId,
      at: now,
    }),
  );
  return announced;
}
