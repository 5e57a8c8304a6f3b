import { z } from "zod";
import {
  ContactDetails,
  ContactPreferences,
  Instant,
  Language,
  PersonRef,
  Sealed,
  TimeZone,
} from "../common.js";
import { defineEvent } from "../envelope.js";
import { GroupKind } from "./referrals.js";

export const Location = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("venue"), address: z.string().min(1).max(300) }),
  z.object({ kind: z.literal("online"), url: z.url().max(500) }),
]);
export type Location = z.infer<typeof Location>;

/** What a calendar needs to describe a group's series: enough for notifications to build an invite. */
export const SeriesSnapshot = z.object({
  groupId: z.string(),
  publicName: z.string(),
  kind: GroupKind,
  language: Language,
  timeZone: TimeZone,
  /** Local wall-clock start of the first session, without offset, e.g. `2026-02-03T18:00:00`. */
  dtstart: z.string(),
  /**
   * RFC 5545 RRULE value without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=TU;COUNT=24`; an UNTIL
   * is always in UTC (`…Z`), as RFC 5545 requires beside a DTSTART with TZID. Moved and cancelled
   * sessions are exceptions to it, listed in `sessions`.
   */
  rrule: z.string(),
  durationMinutes: z.number().int().positive(),
  location: Location,
  /** Staff running the group: their calendar feeds and cancellation notices come from this. */
  facilitators: z.array(
    z.object({ sub: z.string(), displayName: z.string().optional(), email: z.email().optional() }),
  ),
  /** Bumped on every change to the series or one of its sessions; calendars use it as SEQUENCE. */
  sequence: z.number().int().nonnegative(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      startsAt: Instant,
      endsAt: Instant,
      originalStartsAt: Instant,
      status: z.enum(["scheduled", "moved", "cancelled"]),
    }),
  ),
});
export type SeriesSnapshot = z.infer<typeof SeriesSnapshot>;

/**
 * What `sealed` of an enrolment event holds once notifications opens it: for participants enrolled
 * directly rather than through a referral, how to reach them. groups passes it on and keeps none
 * of it but the display name.
 */
export const EnrolmentPersonSealed = z.object({
  displayName: z.string().max(120).optional(),
  contact: ContactDetails.optional(),
  preferences: ContactPreferences.optional(),
});
export type EnrolmentPersonSealed = z.infer<typeof EnrolmentPersonSealed>;

const EnrolmentRef = z.object({
  enrolmentId: z.string(),
  groupId: z.string(),
  personRef: PersonRef,
  language: Language,
  /** `EnrolmentPersonSealed` sealed for notifications; only on the event of a direct enrolment. */
  sealed: Sealed.optional(),
});

export const EnrolmentConfirmed = defineEvent(
  "groups.enrolment.confirmed",
  2,
  EnrolmentRef.extend({ series: SeriesSnapshot }),
);
export const EnrolmentWaitlisted = defineEvent(
  "groups.enrolment.waitlisted",
  2,
  EnrolmentRef.extend({ position: z.number().int().positive(), publicName: z.string() }),
);
export const EnrolmentEnded = defineEvent(
  "groups.enrolment.ended",
  2,
  EnrolmentRef.extend({
    status: z.enum(["completed", "withdrawn", "excluded"]),
    reason: z.string().max(500).optional(),
    series: SeriesSnapshot,
  }),
);

export const SessionChanged = defineEvent(
  "groups.session.changed",
  1,
  z.object({
    groupId: z.string(),
    sessionId: z.string(),
    scope: z.enum(["single", "following"]),
    series: SeriesSnapshot,
  }),
);
export const SessionCancelled = defineEvent(
  "groups.session.cancelled",
  1,
  z.object({
    groupId: z.string(),
    sessionId: z.string(),
    originalStartsAt: Instant,
    reason: z.string().max(500).optional(),
    series: SeriesSnapshot,
  }),
);

export const AttendanceStatus = z.enum(["present", "late", "excused", "absent"]);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

export const AttendanceRecorded = defineEvent(
  "groups.attendance.recorded",
  1,
  z.object({
    sessionId: z.string(),
    enrolmentId: z.string(),
    groupId: z.string(),
    personRef: PersonRef,
    status: AttendanceStatus,
    recordedBy: z.string(),
    recordedAt: Instant,
  }),
);

export const ComplianceBreached = defineEvent(
  "groups.compliance.breached",
  1,
  z.object({
    enrolmentId: z.string(),
    groupId: z.string(),
    personRef: PersonRef,
    step: z.object({ kind: z.enum(["warning", "suspension", "completion_failed"]), threshold: z.number() }),
    unexcusedAbsences: z.number().int().nonnegative(),
    mandate: z.object({ authority: z.string(), contactEmail: z.email(), caseReference: z.string() }),
    language: Language,
    /** Programme staff copied on the notice to the mandating authority. */
    facilitators: z.array(
      z.object({ sub: z.string(), displayName: z.string().optional(), email: z.email().optional() }),
    ),
  }),
);
