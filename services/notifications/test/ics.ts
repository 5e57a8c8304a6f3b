// Reads an .ics with ical.js — an independent parser, so the files are checked by something other
// than the library that wrote them. Occurrences are expanded with the file's own VTIMEZONE.
import type { ReceivedMail } from "@relais/testing";
import ICAL from "ical.js";

export interface ParsedCalendar {
  method: string;
  events: Array<{
    uid: string;
    sequence: number;
    recurrenceId: string | null;
    status: string | null;
    location: string | null;
    summary: string;
    attendees: string[];
  }>;
  /** Local start times of the first `limit` occurrences, e.g. `2026-03-31T18:00:00`, with their UTC instant. */
  occurrences(limit: number): Array<{ local: string; utc: string }>;
  raw: string;
}

export function calendarOf(mail: ReceivedMail): ParsedCalendar {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  if (!part) throw new Error(`no text/calendar part in "${mail.parsed.subject}"`);
  return parseCalendar(part.content.toString("utf8"));
}

export function parseCalendar(raw: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(raw));
  for (const zone of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const vevents = root.getAllSubcomponents("vevent");
  const events = vevents.map((v) => {
    const recurrenceId = v.getFirstPropertyValue("recurrence-id");
    return {
      uid: String(v.getFirstPropertyValue("uid")),
      sequence: Number(v.getFirstPropertyValue("sequence")),
      recurrenceId: recurrenceId ? recurrenceId.toString() : null,
      status: (v.getFirstPropertyValue("status") as string | null) ?? null,
      location: (v.getFirstPropertyValue("location") as string | null) ?? null,
      summary: String(v.getFirstPropertyValue("summary")),
      attendees: v
        .getAllProperties("attendee")
        .map((p) => String(p.getFirstValue()).replace(/^mailto:/i, "mailto:")),
    };
  });
  return {
    method: String(root.getFirstPropertyValue("method")),
    events,
    raw,
    occurrences(limit) {
      const parsed = vevents.map((v) => new ICAL.Event(v));
      const master = parsed.find((e) => !e.isRecurrenceException());
      if (!master) return [];
      for (const exception of parsed.filter((e) => e.isRecurrenceException()))
        master.relateException(exception);
      const iterator = master.iterator();
      const result: Array<{ local: string; utc: string }> = [];
      for (let next = iterator.next(); next && result.length < limit; next = iterator.next()) {
        const details = master.getOccurrenceDetails(next);
        result.push({ local: details.startDate.toString(), utc: details.startDate.toJSDate().toISOString() });
      }
      return result;
    },
  };
}
