// Enrolments as typed records, and the person part every enrolment event carries.
import type { Language } from "@relais/contracts";
import { type Executor, rowByParams } from "@relais/db";
import type { Principal } from "@relais/service-kit";
import { z } from "zod";
import { withVisibleGroup } from "./group-store.js";
import { type EnrolmentSource, type EnrolmentStatus, enrolments } from "./schema.js";

export const Mandate = z.object({
  authority: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(254),
  caseReference: z.string().trim().min(1).max(100),
  requiredSessions: z.number().int().min(1).max(200),
  deadline: z.iso.date(),
});
export type Mandate = z.infer<typeof Mandate>;

export type { EnrolmentStatus } from "./schema.js";

export interface EnrolmentRecord {
  id: string;
  groupId: string;
  orgId: string;
  personRef: string;
  displayName: string | null;
  language: Language;
  status: EnrolmentStatus;
  reason: string | null;
  seq: number;
  source: EnrolmentSource;
  referralId: string | null;
  mandate: Mandate | null;
  createdAt: string;
  enrolledAt: string | null;
  endedAt: string | null;
}

export function toEnrolmentRecord(row: typeof enrolments.$inferSelect): EnrolmentRecord {
  return {
    ...row,
    mandate: row.mandate ? Mandate.parse(JSON.parse(row.mandate)) : null,
  };
}

/** The enrolment and its group, if the caller may see the group. */
export async function visibleEnrolment(db: Executor, principal: Principal, id: string) {
  const found = await rowByParams(db, "groups.visibleEnrolment", enrolments, { id, orgId: principal.org });
  const { row, group } = await withVisibleGroup(db, principal, found, "No such enrolment");
  return { enrolment: toEnrolmentRecord(row), group };
}

/**
 * The person fields of `groups.enrolment.*` events: a reference, never a name or contact detail in
 * clear (a direct enrolment's are added sealed for notifications, see `enrolParticipant`).
 */
export function enrolmentRef(enrolment: EnrolmentRecord) {
  return {
    enrolmentId: enrolment.id,
    groupId: enrolment.groupId,
    personRef: enrolment.personRef,
    language: enrolment.language,
  };
}
