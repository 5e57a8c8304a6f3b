// A coordinator schedules a conference and invites partner representatives: each invitee gets a
// calendar invite (REQUEST) through notifications.
import { enqueue } from "@relais/bus";
import { newId } from "@relais/contracts";
import { type VerbContext, writeVerb } from "@relais/service-kit";
import { conferences, invitees } from "../db/schema.js";
import type { ConferenceRow, InviteeRow } from "../db/store.js";
import type { ConferenceInput, InviteeInput } from "../domain/input.js";
import { planMeetings, scheduleColumns } from "../domain/schedule.js";
import type { Deps } from "./deps.js";
import { auditConference, invitationEvents } from "./invitations.js";

export function inviteeRow(
  ctx: Pick<Deps, "box">,
  conferenceId: string,
  input: InviteeInput,
  at: string,
): InviteeRow {
  return {
    id: newId(),
    conferenceId,
    organisation: input.organisation,
    organisationName: input.organisationName,
    role: input.role,
    zone: input.role === "police" ? (input.zone ?? null) : null,
    emailSealed: ctx.box.seal(input.email.toLowerCase()),
    language: input.language,
    status: "invited",
    addedAt: at,
  };
}

export async function scheduleConference(
  ctx: VerbContext<Deps>,
  input: ConferenceInput,
): Promise<{ conference: ConferenceRow; invitees: InviteeRow[] }> {
  const { principal } = ctx;
  const meetings = planMeetings(input.schedule);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId();
  const row: ConferenceRow = {
    id,
    orgId: principal.org,
    title: input.title,
    policeZone: input.policeZone,
    municipality: input.municipality,
    location: input.location ?? null,
    ...scheduleColumns(input.schedule, meetings),
    status: "scheduled",
    sequence: 0,
    createdBy: principal.sub,
    createdAt: at,
    updatedAt: at,
  };
  // Added in the order given, a millisecond apart, so the list reads as the coordinator wrote it.
  const inviteeRows = input.invitees.map((invitee, index) =>
    inviteeRow(ctx, id, invitee, new Date(now.getTime() + index).toISOString()),
  );
  return writeVerb(ctx, async (tx, authorised) => {
    await authorised(`sub:${principal.sub}`);
    await tx.insert(conferences).values(row);
    await tx.insert(invitees).values(inviteeRows);
    await enqueue(tx, ...invitationEvents(ctx, now, row, inviteeRows, "REQUEST"));
    await auditConference(tx, ctx, "conference.schedule", id);
    return { conference: row, invitees: inviteeRows };
  });
}
