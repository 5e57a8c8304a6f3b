// Announces call-back tasks: `referrals.callback.due` when a task falls due and, once per task,
// `referrals.callback.overdue` when its SLA passes without a reached attempt. Rows are claimed
// with a lease in one UPDATE … RETURNING, and the "notified" mark is written with the event, so
// a crash between the two re-announces nothing and loses nothing.
import { enqueue } from "@relais/bus";
import { CallbackDue, CallbackOverdue, createEvent, newId } from "@relais/contracts";
import type { Clock, Logger } from "@relais/service-kit";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Deps } from "../actions/deps.js";
import { callbackTasks } from "../db/schema.js";
import { createLeaseLoop, type LeaseLoop } from "./lease-loop.js";

export interface SchedulerOptions {
  database: Deps["database"];
  clock: Clock;
  logger: Logger;
  owner?: string;
  intervalMs?: number;
  leaseMs?: number;
  batchSize?: number;
}

type Row = typeof callbackTasks.$inferSelect;

export function createCallbackScheduler(options: SchedulerOptions): LeaseLoop & { claim(): Promise<Row[]> } {
  const { database, clock } = options;
  const owner = options.owner ?? `scheduler-${newId()}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 100;

  /** Leases up to a batch of tasks with something to announce; expired leases are taken over. */
  async function claim(): Promise<Row[]> {
    const now = clock.now().toISOString();
    const until = new Date(clock.now().getTime() + leaseMs).toISOString();
    const t = callbackTasks;
    return database.write((tx) =>
      tx
        .update(t)
        .set({ schedulerOwner: owner, schedulerLeaseUntil: until })
        .where(
          sql`${t.id} IN (SELECT ${t.id} FROM ${t} WHERE ${t.status} = 'open'
            AND ((${t.dueAt} <= ${now} AND ${t.dueNotifiedAt} IS NULL)
              OR (${t.slaDeadline} <= ${now} AND ${t.overdueNotifiedAt} IS NULL AND ${t.reachedAt} IS NULL))
            AND (${t.schedulerLeaseUntil} IS NULL OR ${t.schedulerLeaseUntil} <= ${now})
            LIMIT ${batchSize})`,
        )
        .returning(),
    );
  }

  async function announce(task: Row): Promise<void> {
    const at = clock.now();
    const now = at.toISOString();
    const ref = {
      taskId: task.id,
      referralId: task.referralId,
      personRef: task.personRef,
      role: task.role,
      team: task.team,
      teamEmail: task.teamEmail ?? undefined,
      riskLevel: task.riskLevel,
      dueAt: task.dueAt,
    };
    const common = { orgId: task.orgId, source: "referrals", correlationId: task.referralId, occurredAt: at };
    await database.write(async (tx) => {
      // Guarded by the lease and the null marks: only the holder, and only once.
      const mine = and(eq(callbackTasks.id, task.id), eq(callbackTasks.schedulerOwner, owner));
      if (task.dueAt <= now && !task.dueNotifiedAt) {
        const [marked] = await tx
          .update(callbackTasks)
          .set({ dueNotifiedAt: now })
          .where(and(mine, isNull(callbackTasks.dueNotifiedAt)))
          .returning({ id: callbackTasks.id });
        if (marked) await enqueue(tx, createEvent(CallbackDue, { ...common, data: ref }));
      }
      if (task.slaDeadline <= now && !task.overdueNotifiedAt && !task.reachedAt) {
        const [marked] = await tx
          .update(callbackTasks)
          .set({ overdueNotifiedAt: now })
          .where(and(mine, isNull(callbackTasks.overdueNotifiedAt), isNull(callbackTasks.reachedAt)))
          .returning({ id: callbackTasks.id });
        if (marked) {
          await enqueue(
            tx,
            createEvent(CallbackOverdue, { ...common, data: { ...ref, slaDeadline: task.slaDeadline } }),
          );
        }
      }
      await tx.update(callbackTasks).set({ schedulerOwner: null, schedulerLeaseUntil: null }).where(mine);
    });
  }

  const loop = createLeaseLoop({
    name: "callback scheduler",
    intervalMs: options.intervalMs ?? 5_000,
    logger: options.logger,
    async tick() {
      const tasks = await claim();
      for (const task of tasks) await announce(task);
      return tasks.length;
    },
  });
  return Object.assign(loop, { claim });
}
