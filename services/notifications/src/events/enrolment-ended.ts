// Withdrawal or exclusion: the series is cancelled in the person's calendar (METHOD:CANCEL) and
// their reminders dropped. A completed enrolment only drops what is left.
import type { ConsumerDefinition } from "@relais/bus";
import { EnrolmentEnded } from "@relais/contracts";
import { findInvite, inviteFile, writeInvite } from "../calendar/invites.js";
import { replanReminders } from "../calendar/replan.js";
import { saveSeries } from "../calendar/series-store.js";
import { loadContact } from "../contacts/contact-book.js";
import { settleHeld } from "../delivery/release-held.js";
import { messagePerson } from "../delivery/to-person.js";
import type { NotifyDeps } from "../settings.js";

export function enrolmentEndedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-ended",
    filterSubject: EnrolmentEnded.subject,
    events: [EnrolmentEnded],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } = EnrolmentEnded.envelope.parse(envelope);
      const now = deps.clock.now();
      const series = await saveSeries(tx, orgId, data.series, occurredAt);
      const existing = await findInvite(tx, data.groupId, data.personRef);
      const contact = await loadContact(tx, deps.box, orgId, data.personRef);
      await replanReminders(tx, {
        orgId,
        series,
        personRef: data.personRef,
        contact,
        offsetsMinutes: deps.settings.reminderOffsetsMinutes,
        enrolled: false,
        now,
      });
      // Ended before the person's contact came: they never heard of this enrolment, so there is
      // nothing to cancel; what was held for this group will never be sent.
      if (!contact)
        await settleHeld(tx, deps, {
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
      await messagePerson(tx, deps, {
        orgId,
        personRef: data.personRef,
        groupId: data.groupId,
        contact,
        fallbackLanguage: data.language,
        template: "enrolment_ended",
        params: { groupName: series.publicName },
        // Only someone who had the series in their calendar needs it taken out.
        ics: wasEnrolled
          ? inviteFile({ series, invite, contact, method: "CANCEL", settings: deps.settings, now })
          : undefined,
        now,
      });
    },
  };
}
