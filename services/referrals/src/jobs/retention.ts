// Purges settled referrals once their retention period has passed, with their persons, tasks,
// attempts, criticality assessments and webhook log, and tells the other services to forget each person.
import { enqueue } from "@relais/bus";
import { createEvent, PersonPurged } from "@relais/contracts";
import { auditPurge, type Clock, createPump, type Logger, type Pump } from "@relais/service-kit";
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Deps } from "../actions/deps.js";
import {
  callbackAttempts,
  callbackTasks,
  criticalityAssessments,
  persons,
  referrals,
  webhookAttempts,
  webhookDeliveries,
} from "../db/schema.js";
import { leasePumpTiming } from "./lease-pump.js";

export interface RetentionOptions {
  database: Deps["database"];
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  intervalMs?: number;
}

export async function purgeExpired(
  options: Omit<RetentionOptions, "logger" | "intervalMs">,
  batchSize = 50,
): Promise<number> {
  const { database, clock } = options;
  const at = clock.now();
  const cutoff = new Date(at.getTime() - options.retentionDays * 86_400_000).toISOString();
  const due = await database.db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(isNotNull(referrals.settledAt), lte(referrals.settledAt, cutoff)))
    .limit(batchSize);
  for (const { id } of due) {
    await database.write(async (tx) => {
      // Re-checked inside the transaction: a referral reopened meanwhile is kept.
      const [referral] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), isNotNull(referrals.settledAt), lte(referrals.settledAt, cutoff)));
      if (!referral) return;
      const people = await tx
        .select({ personRef: persons.personRef })
        .from(persons)
        .where(eq(persons.referralId, id));
      const tasks = await tx
        .select({ id: callbackTasks.id })
        .from(callbackTasks)
        .where(eq(callbackTasks.referralId, id));
      const deliveries = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.referralId, id));
      // Explicit deletes, children first: foreign-key cascades depend on a per-connection pragma.
      if (tasks.length > 0)
        await tx.delete(callbackAttempts).where(
          inArray(
            callbackAttempts.taskId,
            tasks.map((t) => t.id),
          ),
        );
      if (deliveries.length > 0) {
        await tx.delete(webhookAttempts).where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        );
      }
      await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.referralId, id));
      await tx.delete(criticalityAssessments).where(eq(criticalityAssessments.referralId, id));
      await tx.delete(callbackTasks).where(eq(callbackTasks.referralId, id));
      await tx.delete(persons).where(eq(persons.referralId, id));
      await tx.delete(referrals).where(eq(referrals.id, id));
      await enqueue(
        tx,
        ...people.map((p) =>
          createEvent(PersonPurged, {
            orgId: referral.orgId,
            source: "referrals",
            correlationId: id,
            occurredAt: at,
            data: { personRef: p.personRef, referralId: id },
          }),
        ),
      );
      // The purge itself is on the coordinators' trail (ids only), so they can count what went.
      await auditPurge(
        tx,
        referral.orgId,
        [{ type: "referral", id }, ...people.map((p) => ({ type: "person" as const, id: p.personRef }))],
        at,
      );
    });
  }
  return due.length;
}

export function createRetentionLoop(options: RetentionOptions): Pump {
  return createPump({
    name: "retention",
    ...leasePumpTiming(options.intervalMs ?? 3_600_000, options.logger),
    work: () => purgeExpired(options),
  });
}
