// A coordinator changes a conference: a new title, place or schedule is sent to every invitee
// with a higher SEQUENCE; new invitees get their invite, uninvited ones a cancellation.
import { enqueue } from "@relais/bus";
import { Invalid } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { conferences, invitees } from "../db/schema.js";
import { type ConferenceRow, type InviteeRow, inviteesOf } from "../db/store.js";
import type { ConferencePatch, InviteeInput } from "../domain/input.js";
import { planMeetings, scheduleColumns } from "../domain/schedule.js";
import { writeOnOpenConference } from "./conference-verb.js";
import type { Ctx, Deps } from "./deps.js";
import { auditConference, invitationEvents } from "./invitations.js";
import { inviteeRow } from "./schedule-conference.js";

function sameInvitation(ctx: Pick<Deps, "box">, row: InviteeRow, input: InviteeInput): boolean {
  return (
    row.organisation === input.organisation &&
    row.role === input.role &&
    (row.role !== "police" || row.zone === (input.zone ?? null)) &&
    ctx.box.open(row.emailSealed) === input.email.toLowerCase()
  );
}

export async function updateConference(
  ctx: Ctx,
  { id, patch }: { id: string; patch: ConferencePatch },
): Promise<ConferenceRow> {
  const meetings = patch.schedule ? planMeetings(patch.schedule) : undefined;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeOnOpenConference(ctx, id, async (tx, conference) => {
    const current = (await inviteesOf(tx, id)).filter((i) => i.status === "invited");

    let kept = current;
    const added: InviteeRow[] = [];
    const removed: InviteeRow[] = [];
    if (patch.invitees) {
      kept = [];
      patch.invitees.forEach((input, index) => {
        if (input.id === undefined) return;
        const row = current.find((c) => c.id === input.id);
        if (!row)
          throw new Invalid("An invitee id is not one of this conference's", [
            {
              path: `invitees.${index}.id`,
              code: "not_invitee",
              message: "Not an invitee of this conference",
            },
          ]);
      });
      for (const row of current) {
        const input = patch.invitees.find((i) => i.id === row.id);
        if (input && sameInvitation(ctx, row, input)) {
          kept.push({ ...row, organisationName: input.organisationName, language: input.language });
        } else {
          removed.push(row);
        }
      }
      patch.invitees.forEach((input, index) => {
        const stays = input.id !== undefined && kept.some((k) => k.id === input.id);
        if (!stays) added.push(inviteeRow(ctx, id, input, new Date(now.getTime() + index).toISOString()));
      });
    }

    const calendarChanged =
      (patch.title !== undefined && patch.title !== conference.title) ||
      (patch.location !== undefined && (patch.location ?? null) !== conference.location) ||
      (meetings !== undefined &&
        (meetings.dtstart !== conference.dtstart ||
          meetings.rrule !== conference.rrule ||
          patch.schedule!.timeZone !== conference.timeZone ||
          patch.schedule!.durationMinutes !== conference.durationMinutes));
    const bump = calendarChanged || removed.length > 0;
    const updated: ConferenceRow = {
      ...conference,
      title: patch.title ?? conference.title,
      location: patch.location === undefined ? conference.location : patch.location,
      ...(meetings && patch.schedule ? scheduleColumns(patch.schedule, meetings) : {}),
      sequence: bump ? conference.sequence + 1 : conference.sequence,
      updatedAt: at,
    };
    await tx.update(conferences).set(updated).where(eq(conferences.id, id));
    for (const row of removed)
      await tx.update(invitees).set({ status: "removed" }).where(eq(invitees.id, row.id));
    for (const row of kept)
      await tx
        .update(invitees)
        .set({ organisationName: row.organisationName, language: row.language })
        .where(eq(invitees.id, row.id));
    if (added.length > 0) await tx.insert(invitees).values(added);

    await enqueue(
      tx,
      ...invitationEvents(ctx, now, updated, removed, "CANCEL"),
      ...invitationEvents(ctx, now, updated, calendarChanged ? [...kept, ...added] : added, "REQUEST"),
    );
    await auditConference(tx, ctx, "conference.update", id);
    return updated;
  });
}
