// The enrolment message: the whole series as a calendar invite (REQUEST), and the reminders planned.
// Used when an enrolment is confirmed and when an invite held for a contact is released, so a
// released invite is built from the series and SEQUENCE as they are at release, never stale.
import { formatWhen } from "../domain/format.js";
import { nextSession, venueOf } from "../domain/series.js";
import type { TxContext } from "./context.js";
import { type EnrolledRecipient, sendSeriesCalendar } from "./send-series-calendar.js";

export async function sendEnrolmentInvite(ctx: TxContext, input: EnrolledRecipient): Promise<void> {
  const { series, contact, now } = input;
  const language = contact?.language ?? input.fallbackLanguage;
  const first = nextSession(series, now);
  await sendSeriesCalendar(ctx, {
    ...input,
    template: "enrolment_confirmed",
    params: {
      groupName: series.publicName,
      when: first ? formatWhen(first.startsAt, series.timeZone, language) : "",
      place: venueOf(series),
    },
    calendar: { method: "REQUEST" },
  });
}
