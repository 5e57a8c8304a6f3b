// Events of the conferences service (case conferences, "concertation de cas"). Invitees are
// partner organisations' representatives; their organisational e-mail addresses travel sealed
// for notifications, which sends each invitee their own calendar invite and action reminders.
import { z } from "zod";
import { Language, Sealed, TimeZone } from "../common.js";
import { defineEvent } from "../envelope.js";

/** The roles a conference invites: a partner organisation's representative, or a police zone's. */
export const InviteeRole = z.enum(["partner", "police"]);
export type InviteeRole = z.infer<typeof InviteeRole>;

/** What `sealed` of a conferences event holds once notifications opens it. */
export const InviteeSealed = z.object({ email: z.email().max(254) });
export type InviteeSealed = z.infer<typeof InviteeSealed>;

/** Enough for a calendar: when and where the conference meets, never what is on its agenda. */
export const ConferenceCalendar = z.object({
  conferenceId: z.string(),
  title: z.string().max(200),
  timeZone: TimeZone,
  /** Local wall-clock start of the first (or only) meeting, e.g. `2026-03-10T14:00:00`. */
  dtstart: z.string(),
  /** RFC 5545 RRULE value (UNTIL in UTC); absent for a one-off conference. */
  rrule: z.string().optional(),
  durationMinutes: z.number().int().positive(),
  /** A meeting room or an online link: organisational, never a person's address. */
  location: z.string().max(300).optional(),
});
export type ConferenceCalendar = z.infer<typeof ConferenceCalendar>;

/**
 * One invitee's calendar changed: sent when they are invited, on every change of the schedule,
 * and with `CANCEL` when the conference is cancelled or they are no longer invited. `sequence`
 * only grows per conference; the calendar UID is derived from conference and invitee.
 */
export const InvitationSent = defineEvent(
  "conferences.invitation.sent",
  1,
  z.object({
    conferenceId: z.string(),
    inviteeId: z.string(),
    method: z.enum(["REQUEST", "CANCEL"]),
    sequence: z.number().int().nonnegative(),
    language: Language,
    /** The invitee's organisation's name as the coordinator wrote it (e.g. "Parquet de Liège"). */
    organisationName: z.string().max(200),
    calendar: ConferenceCalendar,
    /** `InviteeSealed` sealed for notifications. */
    sealed: Sealed,
  }),
);

/** An action of a conference's plan passed its due date while still open: its owner is reminded once. */
export const ActionOverdue = defineEvent(
  "conferences.action.overdue",
  1,
  z.object({
    actionId: z.string(),
    conferenceId: z.string(),
    conferenceTitle: z.string().max(200),
    /** The local due date in the conference's zone, `2026-03-20`. */
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    language: Language,
    /** The owner's `InviteeSealed`, sealed for notifications. */
    sealed: Sealed,
  }),
);
