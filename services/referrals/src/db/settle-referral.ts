// Brings a referral's status in line with its tasks, inside the caller's transaction: emits
// `referrals.referral.status_changed` and queues the filing zone's webhook when it moves.
import { enqueue } from "@relais/bus";
import {
  type AuditAction,
  createEvent,
  newId,
  ReferralStatus,
  ReferralStatusChanged,
} from "@relais/contracts";
import type { Tx } from "@relais/db";
import { type Principal, recordAudit } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { deriveReferralStatus, isSettled } from "../domain/referral-state.js";
import type * as schema from "./schema.js";
import { callbackTasks, policeWebhooks, referrals, webhookDeliveries } from "./schema.js";

export async function settleReferral(
  tx: Tx<typeof schema>,
  referralId: string,
  at: Date,
  correlationId: string,
  firstContactAt?: string,
): Promise<void> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).limit(1);
  if (!referral) return;
  const tasks = await tx
    .select({
      status: callbackTasks.status,
      outcome: callbackTasks.outcome,
      attempts: callbackTasks.attempts,
    })
    .from(callbackTasks)
    .where(eq(callbackTasks.referralId, referralId));
  const from = ReferralStatus.parse(referral.status);
  const to = deriveReferralStatus(tasks);
  const contactAt = referral.firstContactAt ?? firstContactAt ?? null;
  if (from === to && contactAt === referral.firstContactAt) return;
  const now = at.toISOString();
  await tx
    .update(referrals)
    .set({
      status: to,
      firstContactAt: contactAt,
      updatedAt: now,
      settledAt: isSettled(tasks) ? (referral.settledAt ?? now) : null,
    })
    .where(eq(referrals.id, referralId));
  if (from === to) return;
  await enqueue(
    tx,
    createEvent(ReferralStatusChanged, {
      orgId: referral.orgId,
      source: "referrals",
      correlationId,
      occurredAt: at,
      data: { referralId, policeZone: referral.policeZone, from, to, firstContactAt: contactAt },
    }),
  );
  const [hook] = await tx
    .select({ enabled: policeWebhooks.enabled })
    .from(policeWebhooks)
    .where(and(eq(policeWebhooks.orgId, referral.orgId), eq(policeWebhooks.zone, referral.zoneId)))
    .limit(1);
  if (!hook?.enabled) return;
  const id = `msg_${newId()}`;
  // What the police may see and nothing more: no names, contact details or notes.
  const payload = {
    type: "referral.status_changed",
    timestamp: now,
    data: {
      referralId,
      incidentReference: referral.incidentReference,
      previousStatus: from,
      status: to,
      firstContactAt: contactAt,
    },
  };
  await tx.insert(webhookDeliveries).values({
    id,
    orgId: referral.orgId,
    zone: referral.zoneId,
    referralId,
    payload: JSON.stringify(payload),
    status: "pending",
    nextAttemptAt: now,
    createdAt: now,
  });
}

/**
 * The end of every change to a call-back task: settle its referral, audit the change, and read
 * the task back as it now stands (the verb's answer).
 */
export async function settleTaskChange(
  tx: Tx<typeof schema>,
  caller: { principal: Principal; requestId: string },
  change: {
    task: { id: string; referralId: string };
    action: AuditAction;
    at: Date;
    firstContactAt?: string;
  },
) {
  const { task, at } = change;
  await settleReferral(tx, task.referralId, at, caller.requestId, change.firstContactAt);
  await recordAudit(tx, {
    principal: caller.principal,
    action: change.action,
    recordType: "callback",
    recordId: task.id,
    requestId: caller.requestId,
    at,
  });
  const [updated] = await tx.select().from(callbackTasks).where(eq(callbackTasks.id, task.id));
  return updated!;
}
