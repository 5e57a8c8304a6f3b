// When a new call-back task falls due and when its SLA runs out.
import type { RiskLevel, SafeWindow } from "@relais/contracts";
import { deadlineInSafeWindow, nextSafeMoment } from "@relais/safe-windows";
import type { ReferralPolicy } from "./policy.js";

export interface CallbackPlan {
  /** The first safe moment to call: the task shows as due in the queue from then on. */
  dueAt: Date;
  /** By when the person must have been reached; overdue after it. */
  slaDeadline: Date;
}

export function planFirstCallback(input: {
  filedAt: Date;
  riskLevel: RiskLevel;
  windows: SafeWindow[];
  zone: string;
  policy: Pick<ReferralPolicy, "slaHours">;
}): CallbackPlan {
  const { filedAt, windows, zone } = input;
  // SLA hours are elapsed hours: a 24 h SLA across a DST change is still 24 real hours.
  const raw = new Date(filedAt.getTime() + input.policy.slaHours[input.riskLevel] * 3_600_000);
  const dueAt = nextSafeMoment(windows, zone, filedAt);
  const slaDeadline = deadlineInSafeWindow(windows, zone, raw);
  // Only windows of no length leave no safe moment, and the contract refuses those on input.
  if (!dueAt || !slaDeadline) throw new Error("no safe moment in the person's windows");
  return { dueAt, slaDeadline: new Date(Math.max(slaDeadline.getTime(), dueAt.getTime())) };
}

/**
 * A task's plan once its risk is raised (a criticality assessment): the new level's SLA counted from
 * filing, or from now when that deadline has already passed (the worker gets the new SLA from the
 * moment the risk became known), due at the next safe moment from now. Both come from
 * `planFirstCallback` (safe windows, DST) and are never later than what was already planned: a
 * raise only brings times forward.
 */
export function replanForRaisedRisk(input: {
  filedAt: Date;
  now: Date;
  riskLevel: RiskLevel;
  windows: SafeWindow[];
  zone: string;
  policy: Pick<ReferralPolicy, "slaHours">;
  current: { dueAt: Date; slaDeadline: Date };
}): CallbackPlan {
  const { now, current, ...rest } = input;
  const fromNow = planFirstCallback({ ...rest, filedAt: now });
  const fromFiling = planFirstCallback(rest);
  const deadline = fromFiling.slaDeadline > now ? fromFiling.slaDeadline : fromNow.slaDeadline;
  const dueAt = new Date(Math.min(current.dueAt.getTime(), fromNow.dueAt.getTime()));
  const slaDeadline = new Date(Math.min(current.slaDeadline.getTime(), deadline.getTime()));
  return { dueAt, slaDeadline: new Date(Math.max(slaDeadline.getTime(), dueAt.getTime())) };
}
