// The .ics a recipient gets for a group's series: one VEVENT for the series (RRULE, EXDATE for
// cancelled sessions), one per moved session (RECURRENCE-ID), or a CANCEL for all or one session.
// Each file names its recipient alone; the venue is written only when the caller says so.
import type { SeriesSnapshot } from "@relais/contracts";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import type { Contact } from "./contact.js";
import { calendarSummary } from "./format.js";
import { type InviteTemplate, parseTemplate, standIns } from "./invite-template.js";
import { venueOf } from "./series.js";
import { vtimezoneOf } from "./vtimezone.js";

export interface InviteInput {
  series: SeriesSnapshot;
  uid: string;
  sequence: number;
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  /** With CANCEL: cancel this one session (RECURRENCE-ID) instead of the whole series. */
  cancelledSessionId?: string;
  /** Absent in a feed, which has no attendees at all. */
  recipient?: { email: string; name?: string };
  organizer: { email: string; name: string };
  summary: string;
  description?: string;
  /** Only enrolled participants (and staff) may learn where the group meets. */
  includeVenue: boolean;
  now: Date;
}

/** `FREQ=…` whether or not the producer wrote the `RRULE:` name. */
export function normaliseRrule(rrule: string): string {
  return rrule.trim().replace(/^RRULE:/i, "");
}

function local(series: SeriesSnapshot, instant: string): DateTime {
  return DateTime.fromISO(instant, { setZone: true }).setZone(series.timeZone);
}

export function seriesStart(series: SeriesSnapshot): DateTime {
  return DateTime.fromISO(series.dtstart, { zone: series.timeZone });
}

/** The VEVENT data for a series and recipient, ready for one calendar or a feed. */
export function seriesEvents(input: InviteInput): ICalEventData[] {
  const { series } = input;
  const zone = series.timeZone;
  const start = seriesStart(series);
  const common = {
    id: input.uid,
    sequence: input.sequence,
    stamp: input.now,
    timezone: zone,
    summary: input.summary,
    description: input.description ?? null,
    location: input.includeVenue ? venueOf(series) : null,
    organizer:
      input.method === "PUBLISH" ? null : { name: input.organizer.name, email: input.organizer.email },
    attendees: input.recipient
      ? [
          {
            email: input.recipient.email,
            name: input.recipient.name,
            role: ICalAttendeeRole.REQ,
            status: input.method === "CANCEL" ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
            rsvp: false,
          },
        ]
      : [],
  } satisfies Partial<ICalEventData>;

  if (input.method === "CANCEL" && input.cancelledSessionId) {
    const session = series.sessions.find((s) => s.sessionId === input.cancelledSessionId);
    if (!session) throw new Error(`session ${input.cancelledSessionId} is not in the series`);
    return [
      {
        ...common,
        start: local(series, session.startsAt),
        end: local(series, session.endsAt),
        recurrenceId: local(series, session.originalStartsAt),
        status: ICalEventStatus.CANCELLED,
      },
    ];
  }

  const excluded = series.sessions
    .filter((s) => s.status === "cancelled")
    .map((s) => local(series, s.originalStartsAt).toFormat("yyyyLLdd'T'HHmmss"));
  const rule = [`RRULE:${normaliseRrule(series.rrule)}`];
  if (excluded.length > 0) rule.push(`EXDATE;TZID=${zone}:${excluded.join(",")}`);
  const master: ICalEventData = {
    ...common,
    start,
    end: start.plus({ minutes: series.durationMinutes }),
    repeating: rule.join("\n"),
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
  if (input.method === "CANCEL") return [master];
  const moved = series.sessions
    .filter((s) => s.status === "moved")
    .map(
      (s): ICalEventData => ({
        ...common,
        start: local(series, s.startsAt),
        end: local(series, s.endsAt),
        recurrenceId: local(series, s.originalStartsAt),
        status: ICalEventStatus.CONFIRMED,
      }),
    );
  return [master, ...moved];
}

/** One .ics file of `events`, with the VTIMEZONE of each zone they use: every invite Relais sends. */
export function calendarFile(method: InviteInput["method"], events: ICalEventData[]): string {
  const calendar = ical({
    prodId: { company: "Relais", product: "notifications", language: "EN" },
    method: ICalCalendarMethod[method],
    // No calendar-level name: ical-generator would then write DTSTAMP in local time, not UTC.
    timezone: { name: null, generator: vtimezoneOf },
    events,
  });
  return calendar.toString();
}

export function buildInvite(input: InviteInput): string {
  return calendarFile(input.method, seriesEvents(input));
}

/**
 * Templates by what the file is built from besides the recipient's own lines, looked up by the
 * cheap parts and then compared in full (comparing a series costs less than writing it as JSON).
 */
const templates = new Map<string, Array<{ shared: SharedInput; template: InviteTemplate | null }>>();
const MAX_TEMPLATES = 64;
type SharedInput = Omit<InviteInput, "uid" | "sequence" | "now" | "recipient"> & { named: boolean };

/**
 * `buildInvite` for one recipient, from the series' template when one was built already: the same
 * file, at the cost of four lines (see invite-template.ts).
 */
export function buildRecipientInvite(
  input: InviteInput & { recipient: { email: string; name?: string } },
): string {
  const { uid, sequence, now, recipient, ...rest } = input;
  const shared: SharedInput = { ...rest, named: Boolean(recipient.name) };
  const key = `${shared.series.groupId}|${shared.series.sequence}|${shared.method}|${shared.summary}`;
  let entries = templates.get(key);
  let entry = entries?.find((candidate) => sameData(candidate.shared, shared));
  if (!entry) {
    const events = seriesEvents({ ...rest, ...standIns(shared.named) });
    entry = { shared, template: parseTemplate(calendarFile(rest.method, events), events.length) };
    if (!entries) {
      if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
      entries = [];
      templates.set(key, entries);
    }
    // A handful per key (venue or not, named or not, a cancelled session): the oldest goes first.
    if (entries.length >= 8) entries.shift();
    entries.push(entry);
  }
  return entry.template ? entry.template.render({ uid, sequence, now, recipient }) : buildInvite(input);
}

/** Deep equality of JSON-like data (what a series snapshot and the invite's options are). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => sameData(left[k], right[k]));
}

/**
 * The calendar attached to a participant's message, or none for someone without an e-mail address.
 * Discreet recipients get a neutral summary and organizer name.
 */
export function inviteFile(input: {
  series: SeriesSnapshot;
  invite: { uid: string; sequence: number; status: string };
  contact: Contact;
  method: "REQUEST" | "CANCEL";
  cancelledSessionId?: string;
  mailFrom: string;
  now: Date;
}): { method: "REQUEST" | "CANCEL"; content: string } | undefined {
  if (!input.contact.email) return undefined;
  const discreet = input.contact.preferences.discreet;
  const content = buildRecipientInvite({
    series: input.series,
    uid: input.invite.uid,
    sequence: input.invite.sequence,
    method: input.method,
    cancelledSessionId: input.cancelledSessionId,
    recipient: { email: input.contact.email, name: discreet ? undefined : input.contact.displayName },
    organizer: {
      email: input.mailFrom,
      name: discreet ? calendarSummary(input.contact.language, true, "") : "Relais",
    },
    summary: calendarSummary(input.contact.language, discreet, input.series.publicName),
    // The venue is only ever told to enrolled participants.
    includeVenue: input.invite.status === "enrolled",
    now: input.now,
  });
  return { method: input.method, content };
}
