import type { Language } from "@relais/contracts";
import { DateTime } from "luxon";
import { discreetCalendarTitle, LOCALES } from "./templates.js";

// A fan-out formats the same session for thousands of people; luxon's zone and locale work is
// the costly part, so results are kept (bounded: cleared when full).
const formatted = new Map<string, string>();

/** A session time as the recipient reads it: their language, the group's zone. */
export function formatWhen(instant: string, timeZone: string, language: Language): string {
  const key = `${instant}|${timeZone}|${language}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromISO(instant, { setZone: true })
      .setZone(timeZone)
      .setLocale(LOCALES[language])
      .toFormat("cccc d LLLL yyyy, HH:mm");
    if (formatted.size >= 1_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** What a calendar shows for a session: discreet people see only a neutral word. */
export function calendarSummary(language: Language, discreet: boolean, groupName: string): string {
  return discreet ? discreetCalendarTitle(language) : groupName;
}

/** A calendar date (`YYYY-MM-DD`, already local) in full without its weekday: a due date. */
export function formatDate(date: string, language: Language): string {
  return DateTime.fromISO(date, { zone: "UTC" })
    .setLocale(LOCALES[language])
    .toLocaleString(DateTime.DATE_FULL);
}

/** A calendar date (`YYYY-MM-DD`, already local) as the recipient reads it, in their language. */
export function formatDay(date: string, language: Language): string {
  return DateTime.fromISO(date, { zone: "UTC" }).setLocale(LOCALES[language]).toFormat("cccc d LLLL yyyy");
}
