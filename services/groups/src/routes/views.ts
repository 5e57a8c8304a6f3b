// Response schemas and the mappings from records to them: routes never return raw rows.
import { z } from "@hono/zod-openapi";
import { AttendanceStatus, GroupKind, Language, Location } from "@relais/contracts";
import type { GroupRecord, SessionRecord } from "../db/group-store.js";
import { CompliancePolicy } from "../domain/compliance.js";
import { Facilitator } from "../domain/group-input.js";
import { toZonedIso } from "../domain/recurrence.js";

export const IdParam = z.object({ id: z.string().min(1).max(64) });

/**
 * A person as groups shows them in every view that names one: the reference and the display name
 * it keeps, never contact details. Spread into a view's shape, where the fields stand.
 */
export const PersonShape = { personRef: z.string(), displayName: z.string().nullable() };

/** One session of a participant's series and what was recorded for them there. */
export const SessionAttendanceView = z.object({
  sessionId: z.string(),
  startsAt: z.string(),
  sessionStatus: z.enum(["scheduled", "moved", "cancelled"]),
  attendance: AttendanceStatus.nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
});

/** A mandated participant's standing against the group's compliance policy. */
export const ComplianceView = z
  .object({
    attended: z.number().int(),
    unexcusedAbsences: z.number().int(),
    excused: z.number().int(),
    unrecorded: z.number().int(),
    required: z.number().int(),
    breached: z.array(z.object({ kind: z.string(), threshold: z.number() })),
  })
  .openapi("Compliance");

export const GroupView = z
  .object({
    id: z.string(),
    kind: GroupKind,
    publicName: z.string(),
    language: Language,
    municipality: z.string(),
    location: Location,
    capacity: z.number().int(),
    admission: z.enum(["closed", "rolling"]),
    facilitators: z.array(Facilitator),
    compliancePolicy: CompliancePolicy.nullable(),
    schedule: z.object({
      timeZone: z.string(),
      dtstart: z.string(),
      rrule: z.string(),
      durationMinutes: z.number().int(),
    }),
    sequence: z.number().int(),
    seats: z.object({ enrolled: z.number().int(), waitlisted: z.number().int() }).optional(),
    nextSessionAt: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "In lists: the next session still to come, in the group's zone" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Group");
export type GroupView = z.infer<typeof GroupView>;

export function toGroupView(group: GroupRecord, seats?: { enrolled: number; waitlisted: number }): GroupView {
  return {
    id: group.id,
    kind: group.kind,
    publicName: group.publicName,
    language: group.language,
    municipality: group.municipality,
    location: group.location,
    capacity: group.capacity,
    admission: group.admission,
    facilitators: group.facilitators,
    compliancePolicy: group.compliancePolicy,
    schedule: {
      timeZone: group.timeZone,
      dtstart: group.dtstart,
      rrule: group.rrule,
      durationMinutes: group.durationMinutes,
    },
    sequence: group.sequence,
    ...(seats ? { seats } : {}),
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
  };
}

export const SessionView = z
  .object({
    id: z.string(),
    groupId: z.string(),
    startsAt: z.string().openapi({ description: "In the group's time zone, with offset" }),
    endsAt: z.string(),
    originalStartsAt: z.string(),
    status: z.enum(["scheduled", "moved", "cancelled"]),
    cancelReason: z.string().nullable(),
  })
  .openapi("Session");
export type SessionView = z.infer<typeof SessionView>;

export function toSessionView(session: SessionRecord, zone: string): SessionView {
  return {
    id: session.id,
    groupId: session.groupId,
    startsAt: toZonedIso(session.startsAt, zone),
    endsAt: toZonedIso(session.endsAt, zone),
    originalStartsAt: toZonedIso(session.originalStartsAt, zone),
    status: session.status,
    cancelReason: session.cancelReason,
  };
}

export const SessionList = z
  .object({
    groupId: z.string(),
    sequence: z.number().int(),
    timeZone: z.string(),
    items: z.array(SessionView),
  })
  .openapi("SessionList");

export function toSessionList(
  group: GroupRecord,
  sessions: readonly SessionRecord[],
): z.infer<typeof SessionList> {
  return {
    groupId: group.id,
    sequence: group.sequence,
    timeZone: group.timeZone,
    items: sessions.map((s) => toSessionView(s, group.timeZone)),
  };
}

/** One session of "my sessions", with what a calendar view needs of its group. */
export const MySession = SessionView.extend({
  group: z.object({
    id: z.string(),
    publicName: z.string(),
    kind: GroupKind,
    language: Language,
    timeZone: z.string(),
  }),
}).openapi("MySession");
