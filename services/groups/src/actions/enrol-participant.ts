// Enrols a person in a group, or puts them on its waitlist when it is full. Runs in the
// serialised write transaction, so the seat count it reads is the one it writes against.
import { enqueueEvent } from "@relais/bus";
import {
  EnrolmentConfirmed,
  type EnrolmentPersonSealed,
  EnrolmentWaitlisted,
  type Language,
  newId,
} from "@relais/contracts";
import { type Executor, rowExists } from "@relais/db";
import { Conflict, Invalid, type RecipientSealer } from "@relais/service-kit";
import { and, eq, inArray, max, sql } from "drizzle-orm";
import {
  type EnrolmentRecord,
  enrolmentRef,
  type Mandate,
  toEnrolmentRecord,
} from "../db/enrolment-store.js";
import { type GroupRecord, groupSessions, seatCounts, seriesSnapshot } from "../db/group-store.js";
import { referredRole } from "../db/referred-persons.js";
import { enrolments } from "../db/schema.js";
import { joinFacts } from "../db/separation-facts.js";
import { admissionOpen, seatFor } from "../domain/admission.js";
import { fromGroups } from "../domain/event-origin.js";
import { assertReachedAsReferred, assertRoleFits } from "../domain/referred-person.js";
import { assertJoinKeepsApart } from "../domain/separation.js";

export interface Participant {
  personRef: string;
  language: Language;
  /** Kept on the enrolment: DESIGN lets groups keep a display name beside the person reference. */
  displayName?: string;
  /**
   * What staff gave for a direct enrolment (name, contact details, preferences): sealed for
   * notifications into the event, and stored nowhere here.
   */
  passOn?: { fields: EnrolmentPersonSealed; sealer: RecipientSealer };
  mandate?: Mandate;
  source: "direct" | "placement";
  referralId?: string;
}

export interface Enrolled {
  enrolment: EnrolmentRecord;
  /** 1-based place on the waitlist; null once enrolled. */
  position: number | null;
}

/**
 * The step every enrolment takes, inside the transaction of the verb or consumer that asks (staff's
 * enrol-request, a call-back's support request): admission, duplicates, what a referral says of
 * the person (their role, how they are reached), separation, seat, event.
 */
export async function enrolParticipant(
  tx: Executor,
  {
    group,
    participant,
    now,
    correlationId,
  }: { group: GroupRecord; participant: Participant; now: Date; correlationId?: string },
): Promise<Enrolled> {
  if (participant.mandate && group.kind !== "perpetrator")
    throw new Invalid("Only perpetrator programmes take a mandate", [
      { path: "mandate", code: "perpetrator_only", message: "Only for perpetrator groups" },
    ]);
  const role = await referredRole(tx, group.orgId, participant.personRef);
  // A placement's person is always a referral's, even before groups has heard of the referral.
  if (participant.passOn && (role !== null || participant.source === "placement"))
    assertReachedAsReferred(participant.passOn.fields);
  const sessions = await groupSessions(tx, group.id);
  if (!admissionOpen(group.admission, sessions, now))
    throw new Conflict(
      group.admission === "closed"
        ? "This closed group no longer takes participants: its first session has started"
        : "This group takes no more participants: its last session has ended",
      "admission_closed",
    );
  const alreadyIn = await rowExists(tx, enrolments, [
    eq(enrolments.groupId, group.id),
    eq(enrolments.personRef, participant.personRef),
    inArray(enrolments.status, ["waitlisted", "enrolled"]),
  ]);
  if (alreadyIn)
    throw new Conflict("This person is already enrolled or waiting in this group", "already_enrolled");
  assertJoinKeepsApart(group, sessions, await joinFacts(tx, group, participant.personRef));
  assertRoleFits(group.kind, role);

  const counts = await seatCounts(tx, group.id);
  const status = seatFor(counts.enrolled, group.capacity);
  const [last] = await tx
    .select({ seq: max(enrolments.seq) })
    .from(enrolments)
    .where(eq(enrolments.groupId, group.id));
  const at = now.toISOString();
  const row = {
    id: newId(),
    groupId: group.id,
    orgId: group.orgId,
    personRef: participant.personRef,
    displayName: participant.displayName ?? null,
    language: participant.language,
    status,
    reason: null,
    seq: (last?.seq ?? 0) + 1,
    source: participant.source,
    referralId: participant.referralId ?? null,
    mandate: participant.mandate ? JSON.stringify(participant.mandate) : null,
    createdAt: at,
    enrolledAt: status === "enrolled" ? at : null,
    endedAt: null,
  };
  await tx.insert(enrolments).values(row);
  const enrolment = toEnrolmentRecord(row);
  const position = status === "waitlisted" ? counts.waitlisted + 1 : null;
  const type = status === "enrolled" ? EnrolmentConfirmed.type : EnrolmentWaitlisted.type;
  const person = {
    ...enrolmentRef(enrolment),
    ...(participant.passOn
      ? { sealed: participant.passOn.sealer.seal(participant.passOn.fields, type) }
      : {}),
  };
  const origin = fromGroups(group.orgId, correlationId, now);
  if (status === "enrolled") {
    await enqueueEvent(tx, EnrolmentConfirmed, origin, {
      ...person,
      series: seriesSnapshot(group, sessions),
    });
  } else {
    // Only enrolled participants are told where the group meets: no series, no venue.
    await enqueueEvent(tx, EnrolmentWaitlisted, origin, {
      ...person,
      position: position!,
      publicName: group.publicName,
    });
  }
  return { enrolment, position };
}

/** 1-based waitlist place of each waitlisted enrolment of a group, by arrival. */
export async function waitlistPositions(tx: Executor, groupId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.groupId, groupId), eq(enrolments.status, "waitlisted")))
    .orderBy(sql`${enrolments.seq} asc`);
  return new Map(rows.map((row, index) => [row.id, index + 1]));
}
