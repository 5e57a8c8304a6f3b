// A series changed (a session moved or cancelled, the group edited): the snapshot is stored, and
// when participants see the change (not one to its facilitators alone, which only staff feeds
// read), every enrolled person gets a message with their calendar brought up to date under a
// higher SEQUENCE, and their reminders re-planned. Without a contact yet their message is held:
// the invite released with the contact will show this change.
import type { SeriesSnapshot } from "@relais/contracts";
import { loadContact } from "../db/contacts.js";
import { enrolledInvites, writeInvite } from "../db/invites.js";
import { replaceSeries } from "../db/series.js";
import { participantsSeeChange } from "../domain/series.js";
import type { TemplateParams } from "../domain/templates.js";
import type { TxContext } from "./context.js";
import { type SeriesCalendar, sendSeriesCalendar } from "./send-series-calendar.js";

export async function tellSeriesChange(
  ctx: TxContext,
  input: {
    orgId: string;
    /** The snapshot the event carried; an older one than stored is not applied. */
    snapshot: SeriesSnapshot;
    occurredAt: string;
    template: "session_changed" | "session_cancelled";
    /** The message's parameters, in the recipient's language. */
    params: (series: SeriesSnapshot, language: SeriesSnapshot["language"]) => TemplateParams;
    /** The calendar to attach, decided on the stored series; none to send the message alone. */
    calendar: (series: SeriesSnapshot) => SeriesCalendar | null;
  },
): Promise<SeriesSnapshot> {
  const { tx } = ctx;
  const now = ctx.clock.now();
  const { before, series } = await replaceSeries(tx, input.orgId, input.snapshot, input.occurredAt);
  if (!participantsSeeChange(before(), series)) return series;
  const calendar = input.calendar(series);
  for (const current of await enrolledInvites(tx, series.groupId)) {
    const invite = await writeInvite(tx, { ...current, status: "enrolled", bump: true, now });
    const contact = await loadContact(tx, ctx.box, invite.orgId, invite.personRef);
    await sendSeriesCalendar(ctx, {
      orgId: input.orgId,
      series,
      invite,
      contact,
      fallbackLanguage: series.language,
      template: input.template,
      params: input.params(series, contact?.language ?? series.language),
      calendar,
      now,
    });
  }
  return series;
}
