// Intake: the referral as filed, one call-back task per person who may be contacted (routed by
// municipality and role), and `referrals.referral.received` (with each task's `callback.opened`,
// and `callback.due` for a task due at once), all in one transaction.
import { enqueue } from "@relais/bus";
import {
  createEvent,
  newId,
  type ReferralPersonSealed,
  ReferralReceived,
  type ReferralStatus,
} from "@relais/contracts";
import { insertRows } from "@relais/db";
import { recordAudit, writeVerb } from "@relais/service-kit";
import { lookUpRoutes } from "../db/route-cache.js";
import { callbackTasks, persons, referrals } from "../db/schema.js";
import { settleReferral } from "../db/settle-referral.js";
import { higherLevel } from "../domain/criticality.js";
import { RISK_RANK } from "../domain/policy.js";
import type { ReferralInput, ReferralPersonInput } from "../domain/referral-input.js";
import { assignTeam, municipalityKey } from "../domain/routing.js";
import { planFirstCallback } from "../domain/sla.js";
import { taskDue, taskOpened } from "../domain/task-events.js";
import { recordIntakeAssessment, scoreIntake } from "./assess-criticality.js";
import type { Ctx } from "./deps.js";

export interface FiledReferral {
  id: string;
  status: ReferralStatus;
  createdAt: string;
  persons: Array<{
    personRef: string;
    role: "victim" | "author";
    contactable: boolean;
    reason: string | null;
  }>;
}

/** Why a person gets no call-back, in words the police may see; null when one will be made. */
export function noContactReason(person: ReferralPersonInput): string | null {
  if (!person.consent) return "no_consent";
  if (person.preferences.doNotContact) return "do_not_contact";
  if (!person.contact.phone && !person.contact.email) return "no_contact_details";
  return null;
}

export async function fileReferral(
  ctx: Ctx,
  { zoneId, input }: { zoneId: string; input: ReferralInput },
): Promise<FiledReferral> {
  const { principal, requestId: correlationId } = ctx;
  const id = newId();
  const filedAt = ctx.clock.now();
  const now = filedAt.toISOString();
  const filed = input.persons.map((person) => ({
    person,
    personRef: `prs_${newId()}`,
    reason: noContactReason(person),
  }));
  const event = createEvent(ReferralReceived, {
    orgId: principal.org,
    source: "referrals",
    correlationId,
    occurredAt: filedAt,
    data: {
      referralId: id,
      policeZone: input.policeZone,
      municipality: input.municipality,
      riskLevel: input.riskLevel,
      childrenPresent: input.childrenPresent,
      persons: filed.map(({ person, personRef, reason }) => ({
        personRef,
        role: person.role,
        consent: person.consent,
        language: person.language,
        timeZone: person.timeZone,
        // Only contactable persons' name and details leave this service, sealed for notifications.
        ...(reason === null
          ? {
              sealed: ctx.seal.notifications.seal(
                { displayName: person.displayName, contact: person.contact } satisfies ReferralPersonSealed,
                ReferralReceived.type,
              ),
            }
          : {}),
        preferences: person.preferences,
      })),
    },
  });

  // Read before the transaction, from memory once warm (see route-cache.ts): the routing table is
  // the same for every referral of a municipality, so it costs no statement in the write.
  const routeRows = await lookUpRoutes(ctx.database, principal.org, municipalityKey(input.municipality));

  return writeVerb(ctx, async (tx, authorised) => {
    // Filing needs only the police role; the answer (ids, personRefs) is the filing zone's alone,
    // so another zone reusing this key and body files its own referral instead of reading this one.
    await authorised(`zone:${zoneId}`);
    // Police answers to the criticality grid (optional): one read of the current grid, one insert.
    const intake = input.assessment ? await scoreIntake(tx, principal.org, input.assessment) : null;
    const taskRisk = intake ? higherLevel(input.riskLevel, intake.level) : input.riskLevel;
    // insertRows: the same inserts as drizzle's, their SQL built once per shape (hot-path.ts).
    await insertRows(tx, referrals, [
      {
        id,
        orgId: principal.org,
        policeZone: input.policeZone,
        zoneId,
        incidentReference: input.incidentReference,
        incidentAt: input.incidentAt,
        kind: input.kind,
        riskLevel: input.riskLevel,
        riskScore: input.riskScore ?? null,
        childrenPresent: input.childrenPresent,
        municipality: input.municipality,
        status: "received",
        filedBy: principal.sub,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (intake)
      await recordIntakeAssessment(tx, ctx.box, intake, {
        orgId: principal.org,
        referralId: id,
        by: principal.sub,
        now,
      });
    await insertRows(
      tx,
      persons,
      filed.map(({ person, personRef, reason }) => ({
        personRef,
        referralId: id,
        role: person.role,
        displayName: person.displayName ? ctx.box.seal(person.displayName) : null,
        consent: person.consent,
        language: person.language,
        timeZone: person.timeZone,
        contact: ctx.box.seal(JSON.stringify({ contact: person.contact, preferences: person.preferences })),
        noTaskReason: reason,
      })),
    );
    const tasks = filed
      .filter(({ reason }) => reason === null)
      .map(({ person, personRef }) => {
        const plan = planFirstCallback({
          filedAt,
          riskLevel: taskRisk,
          windows: person.preferences.safeWindows,
          zone: person.timeZone,
          policy: ctx.policy,
        });
        const assignment = assignTeam(routeRows, person.role);
        const dueAt = plan.dueAt.toISOString();
        return {
          id: `cbk_${newId()}`,
          orgId: principal.org,
          referralId: id,
          personRef,
          role: person.role,
          team: assignment.team,
          teamEmail: assignment.teamEmail,
          routed: assignment.routed,
          riskLevel: taskRisk,
          riskRank: RISK_RANK[taskRisk],
          status: "open" as const,
          createdAt: now,
          dueAt,
          slaDeadline: plan.slaDeadline.toISOString(),
          // Due at filing (no safe window given, or filed inside one): its team is alerted with the
          // intake's own events rather than by the scheduler's next pass, which would lease the
          // task, mark it and write the event in two more write transactions, seconds later.
          dueNotifiedAt: plan.dueAt.getTime() <= filedAt.getTime() ? now : null,
        };
      });
    await insertRows(tx, callbackTasks, tasks);
    await enqueue(
      tx,
      event,
      ...tasks.map((task) => taskOpened(task, filedAt, correlationId)),
      ...tasks
        .filter((task) => task.dueNotifiedAt !== null)
        .map((task) => taskDue(task, filedAt, correlationId)),
    );
    await recordAudit(tx, {
      principal,
      action: "referral.create",
      recordType: "referral",
      recordId: id,
      requestId: correlationId,
      at: filedAt,
    });
    // With no task at all the referral is closed at once, and the police see why per person.
    // With tasks it stays `received`, which it already is: no need to re-read it.
    if (tasks.length === 0) await settleReferral(tx, id, filedAt, correlationId);
    const result: FiledReferral = {
      id,
      status: tasks.length === 0 ? "closed" : "received",
      createdAt: now,
      persons: filed.map(({ person, personRef, reason }) => ({
        personRef,
        role: person.role,
        contactable: reason === null,
        reason,
      })),
    };
    // The Idempotency-Key is stored with the referral (by writeVerb): one commit, and a retry can
    // never file twice.
    return result;
  });
}
