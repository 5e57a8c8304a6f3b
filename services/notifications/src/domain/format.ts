import type { Language } from "@relais/contracts";
import { DateTime } from "luxon";

const LOCALES: Record<Language, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

/** A session time as the recipient reads it: their language, the group's zone. */
export function formatWhen(instant: string, timeZone: string, language: Language): string {
  return DateTime.fromISO(instant, { setZone: true })
    .setZone(timeZone)
    .setLocale(LOCALES[language])
    .toFormat("cccc d LLLL yyyy, HH:mm");
}

const CALENDAR_TITLE: Record<Language, string> = { fr: "Rendez-vous", nl: "Afspraak", en: "Appointment" };

/** What a calendar shows for a session: discreet people see only a neutral word. */
export function calendarSummary(language: Language, discreet: boolean, groupName: string): string {
  return discreet ? CALENDAR_TITLE[language] : groupName;
}
