// Withdrawal or exclusion: the series is cancelled in the person's calendar (METHOD:CANCEL) and
// their reminders dropped. A completed enrolment only drops what is left.
import type { EnrolmentEnded } from "@relais/contracts";
import { loadContact } from "../db/contacts.js";
import { findInvite, writeInvite } from "../db/invites.js";
import { saveSeries } from "../db/series.js";
import { inviteFile } from "../domain/invite.js";
import type { EventOf, TxContext } from "./context.js";
import { messagePerson } from "./message-person.js";
import { replanReminders } from "./replan-reminders.js";
import { settleHeld } from "./settle-held.js";

export async function endEnrolment(ctx: TxContext, event: EventOf<typeof EnrolmentEnded>): Promise<void> {
  const { tx } = ctx;
  const { data, orgId, occurredAt } = event;
  const now = ctx.clock.now();
  const series = await saveSeries(tx, orgId, data.series, occurredAt);
  const existing = await findInvite(tx, data.groupId, data.personRef);
  const contact = await loadContact(tx, ctx.box, orgId, data.personRef);
  await replanReminders(ctx, { orgId, series, personRef: data.personRef, contact, enrolled: false, now });
  // Ended before the person's contact came: they never heard of this enrolment, so there is
  // nothing to cancel; what was held for this group will never be sent.
  if (!contact)
    await settleHeld(ctx, {
      orgId,
      personRef: data.personRef,
      groupId: data.groupId,
      reason: "enrolment_ended",
      now,
    });
  if (!existing || existing.status === "ended") return;
  const wasEnrolled = existing.status === "enrolled";
  const invite = await writeInvite(tx, {
    orgId,
    groupId: data.groupId,
    personRef: data.personRef,
    enrolmentId: data.enrolmentId,
    status: "ended",
    bump: wasEnrolled,
    now,
  });
  if (data.status === "completed" || !contact) return;
  await messagePerson(ctx, {
    orgId,
    about: data,
    contact,
    template: "enrolment_ended",
    params: { groupName: series.publicName },
    // Only someone who had the series in their calendar needs it taken out.
    ics: wasEnrolled
      ? inviteFile({ series, invite, contact, method: "CANCEL", mailFrom: ctx.settings.mailFrom, now })
      : undefined,
    now,
  });
}
