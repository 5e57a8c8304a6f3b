// Announces call-back tasks: `referrals.callback.due` when a task falls due (one due at filing is
// announced by the intake itself) and, once per task, `referrals.callback.overdue` when its SLA
// passes without a reached attempt. Rows are claimed
// with a lease in one UPDATE … RETURNING, and the "notified" mark is written with the event, so
// a crash between the two re-announces nothing and loses nothing.
import { enqueue } from "@relais/bus";
import { CallbackOverdue, createEvent, newId } from "@relais/contracts";
import { type Clock, createPump, type Logger, type Pump } from "@relais/service-kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Deps } from "../actions/deps.js";
import { callbackTasks } from "../db/schema.js";
import { alertRef, taskDue } from "../domain/task-events.js";
import { leasePumpTiming } from "./lease-pump.js";

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

export function createCallbackScheduler(options: SchedulerOptions): Pump & { claim(): Promise<Row[]> } {
  const { database, clock } = options;
  const owner = options.owner ?? `scheduler-${newId()}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 100;

  /** Leases up to a batch of tasks with something to announce; expired leases are taken over. */
  async function claim(): Promise<Row[]> {
    const now = clock.now().toISOString();
    const until = new Date(clock.now().getTime() + leaseMs).toISOString();
    const t = callbackTasks;
    const leaseFree = sql`(${t.schedulerLeaseUntil} IS NULL OR ${t.schedulerLeaseUntil} <= ${now})`;
    // Two range reads over the partial "pending" indexes (forced: without statistics SQLite
    // prefers (status, due_at), which walks every open task already announced).
    return database.write((tx) =>
      tx
        .update(t)
        .set({ schedulerOwner: owner, schedulerLeaseUntil: until })
        .where(
          sql`${t.id} IN (SELECT id FROM callback_tasks INDEXED BY callback_tasks_due_pending
                WHERE status = 'open' AND due_notified_at IS NULL AND due_at <= ${now} AND ${leaseFree}
                LIMIT ${batchSize})
            OR ${t.id} IN (SELECT id FROM callback_tasks INDEXED BY callback_tasks_overdue_pending
                WHERE status = 'open' AND overdue_notified_at IS NULL AND reached_at IS NULL
                  AND sla_deadline <= ${now} AND ${leaseFree}
                LIMIT ${batchSize})`,
        )
        .returning(),
    );
  }

  /**
   * Marks what each claimed task announces and releases the lease in one statement, guarded by
   * the lease (a task whose lease another instance took over is left to it), and writes the
   * events with the marks: only the holder announces, and only once.
   */
  async function announce(tasks: Row[]): Promise<void> {
    if (tasks.length === 0) return;
    const at = clock.now();
    const now = at.toISOString();
    const t = callbackTasks;
    await database.write(async (tx) => {
      const marked = await tx
        .update(t)
        .set({
          dueNotifiedAt: sql`CASE WHEN ${t.dueNotifiedAt} IS NULL AND ${t.dueAt} <= ${now} THEN ${now} ELSE ${t.dueNotifiedAt} END`,
          overdueNotifiedAt: sql`CASE WHEN ${t.overdueNotifiedAt} IS NULL AND ${t.reachedAt} IS NULL
            AND ${t.slaDeadline} <= ${now} THEN ${now} ELSE ${t.overdueNotifiedAt} END`,
          schedulerOwner: null,
          schedulerLeaseUntil: null,
        })
        .where(
          and(
            eq(t.schedulerOwner, owner),
            inArray(
              t.id,
              tasks.map((task) => task.id),
            ),
          ),
        )
        .returning();
      const events = marked.flatMap((task) => {
        const before = tasks.find((claimed) => claimed.id === task.id);
        const out = [];
        if (!before?.dueNotifiedAt && task.dueNotifiedAt === now)
          out.push(taskDue(task, at, task.referralId));
        if (!before?.overdueNotifiedAt && task.overdueNotifiedAt === now) {
          out.push(
            createEvent(CallbackOverdue, {
              orgId: task.orgId,
              source: "referrals",
              correlationId: task.referralId,
              occurredAt: at,
              data: {
                ...alertRef(task),
                riskLevel: task.riskLevel,
                dueAt: task.dueAt,
                slaDeadline: task.slaDeadline,
              },
            }),
          );
        }
        return out;
      });
      await enqueue(tx, ...events);
    });
  }

  const loop = createPump({
    name: "callback scheduler",
    ...leasePumpTiming(options.intervalMs ?? 5_000, options.logger),
    async work() {
      // Drain what is pending: a burst of referrals must not be announced one batch per interval.
      let announced = 0;
      for (;;) {
        const tasks = await claim();
        await announce(tasks);
        announced += tasks.length;
        if (tasks.length < batchSize) return announced;
      }
    },
  });
  return Object.assign(loop, { claim });
}
