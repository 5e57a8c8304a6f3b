// Re-evaluates a mandated participant's compliance after any attendance change: newly breached
// steps are recorded and announced once; steps a correction undid are cleared.
import { enqueueEvent } from "@relais/bus";
import { ComplianceBreached } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { and, eq, inArray } from "drizzle-orm";
import type { EnrolmentRecord } from "../db/enrolment-store.js";
import { type GroupRecord, groupSessions } from "../db/group-store.js";
import { attendance, complianceBreaches } from "../db/schema.js";
import {
  type ComplianceState,
  DEFAULT_POLICY,
  diffBreaches,
  evaluateCompliance,
  type StepKind,
} from "../domain/compliance.js";
import { fromGroups } from "../domain/event-origin.js";

export async function complianceOf(
  db: Executor,
  group: GroupRecord,
  enrolment: EnrolmentRecord,
): Promise<ComplianceState | null> {
  if (group.kind !== "perpetrator" || !enrolment.mandate) return null;
  const held = (await groupSessions(db, group.id)).filter((s) => s.status !== "cancelled");
  const records = await db
    .select({ sessionId: attendance.sessionId, status: attendance.status })
    .from(attendance)
    .where(eq(attendance.enrolmentId, enrolment.id));
  return evaluateCompliance({
    policy: group.compliancePolicy ?? DEFAULT_POLICY,
    requiredSessions: enrolment.mandate.requiredSessions,
    sessionIds: held.map((s) => s.id),
    attendance: new Map(records.map((r) => [r.sessionId, r.status])),
  });
}

export async function reviewCompliance(
  tx: Executor,
  group: GroupRecord,
  enrolment: EnrolmentRecord,
  now: Date,
  correlationId?: string,
): Promise<ComplianceState | null> {
  const state = await complianceOf(tx, group, enrolment);
  if (!state || !enrolment.mandate) return state;
  const fired = await tx
    .select({ kind: complianceBreaches.stepKind })
    .from(complianceBreaches)
    .where(eq(complianceBreaches.enrolmentId, enrolment.id));
  const { fire, clear } = diffBreaches(
    fired.map((f) => f.kind as StepKind),
    state.breached,
  );
  if (clear.length > 0)
    await tx
      .delete(complianceBreaches)
      .where(
        and(eq(complianceBreaches.enrolmentId, enrolment.id), inArray(complianceBreaches.stepKind, clear)),
      );
  for (const step of fire) {
    await tx.insert(complianceBreaches).values({
      enrolmentId: enrolment.id,
      stepKind: step.kind,
      threshold: step.threshold,
      firedAt: now.toISOString(),
    });
    await enqueueEvent(tx, ComplianceBreached, fromGroups(group.orgId, correlationId, now), {
      enrolmentId: enrolment.id,
      groupId: group.id,
      personRef: enrolment.personRef,
      step,
      unexcusedAbsences: state.unexcusedAbsences,
      mandate: {
        authority: enrolment.mandate.authority,
        contactEmail: enrolment.mandate.contactEmail,
        caseReference: enrolment.mandate.caseReference,
      },
      language: enrolment.language,
      facilitators: group.facilitators,
    });
  }
  return state;
}
