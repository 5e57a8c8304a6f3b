// The .ics an invitee of a case conference gets: one VEVENT (with the RRULE of a recurring
// conference) naming that invitee alone as attendee, a UID stable per conference and invitee, the
// SEQUENCE conferences persisted, METHOD:REQUEST or METHOD:CANCEL. Built by invite.ts's calendar
// builder, the one every Relais invite comes from.
import { createHash } from "node:crypto";
import type { ConferenceCalendar } from "@relais/contracts";
import { ICalAttendeeRole, ICalAttendeeStatus, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { calendarFile, normaliseRrule } from "./invite.js";

/** Derived, so every update and the cancellation reach the same calendar entry; reveals nothing. */
export function conferenceInviteUid(conferenceId: string, inviteeId: string): string {
  return `${createHash("sha256").update(`conference\n${conferenceId}\n${inviteeId}`).digest("hex").slice(0, 32)}@relais`;
}

export function conferenceInvite(input: {
  calendar: ConferenceCalendar;
  inviteeId: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  recipient: { email: string; name: string };
  organizer: { email: string; name: string };
  summary: string;
  now: Date;
}): string {
  const { calendar } = input;
  const start = DateTime.fromISO(calendar.dtstart, { zone: calendar.timeZone });
  return calendarFile(input.method, [
    {
      id: conferenceInviteUid(calendar.conferenceId, input.inviteeId),
      sequence: input.sequence,
      stamp: input.now,
      timezone: calendar.timeZone,
      start,
      end: start.plus({ minutes: calendar.durationMinutes }),
      ...(calendar.rrule ? { repeating: `RRULE:${normaliseRrule(calendar.rrule)}` } : {}),
      summary: input.summary,
      location: calendar.location ?? null,
      organizer: input.organizer,
      attendees: [
        {
          email: input.recipient.email,
          name: input.recipient.name,
          role: ICalAttendeeRole.REQ,
          status: input.method === "CANCEL" ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
          rsvp: false,
        },
      ],
      status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    },
  ]);
}
