// What other services learn of a call-back task's life: which team holds which person's task, from
// when to when. Notifications scopes a caseworker's access to contact details by it.

import type { PersonRole } from "@relais/contracts";
import {
  CallbackClosed,
  CallbackDue,
  CallbackOpened,
  type CallbackOutcome,
  createEvent,
  type RiskLevel,
} from "@relais/contracts";

interface Task {
  id: string;
  orgId: string;
  referralId: string;
  personRef: string;
  role: PersonRole;
  team: string;
}

function ref({ id, referralId, personRef, role, team }: Task) {
  return { taskId: id, referralId, personRef, role, team };
}

/** A task as a referral's reader sees it beside the person: who holds it and how far it got. */
export function taskSummary(task: {
  id: string;
  team: string;
  status: "open" | "closed";
  outcome: string | null;
  slaDeadline: string;
  reachedAt: string | null;
}) {
  const { id, team, status, outcome, slaDeadline, reachedAt } = task;
  return { id, team, status, outcome, slaDeadline, reachedAt };
}

/** The task as the alerts to its team name it (due, overdue, escalated): its ref and the team's address. */
export function alertRef(task: Task & { teamEmail: string | null }) {
  return { ...ref(task), teamEmail: task.teamEmail ?? undefined };
}

export function taskOpened(task: Task, at: Date, correlationId: string) {
  return createEvent(CallbackOpened, {
    orgId: task.orgId,
    source: "referrals",
    correlationId,
    occurredAt: at,
    data: { ...ref(task), openedAt: at.toISOString() },
  });
}

/** `referrals.callback.due`: the task fell due, its team is alerted (at filing, or by the scheduler). */
export function taskDue(
  task: Task & { teamEmail: string | null; riskLevel: RiskLevel; dueAt: string },
  at: Date,
  correlationId: string,
) {
  return createEvent(CallbackDue, {
    orgId: task.orgId,
    source: "referrals",
    correlationId,
    occurredAt: at,
    data: { ...alertRef(task), riskLevel: task.riskLevel, dueAt: task.dueAt },
  });
}

export function taskClosed(task: Task, outcome: CallbackOutcome, at: Date, correlationId: string) {
  return createEvent(CallbackClosed, {
    orgId: task.orgId,
    source: "referrals",
    correlationId,
    occurredAt: at,
    data: { ...ref(task), outcome, closedAt: at.toISOString() },
  });
}
