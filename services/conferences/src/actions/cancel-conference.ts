// A coordinator changes a conference: a new title, place or schedule is sent to every invitee
// with a higher SEQUENCE; new invitees get their invite, uninvited ones a cancellation.
import { enqueue } from "@relais/bus";
import { writeOnRecord } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { conferences } from "../db/schema.js";
import { type ConferenceRow, inviteesOf, organisedConference } from "../db/store.js";
import type { Ctx } from "./deps.js";
import { auditConference, invitationEvents } from "./invitations.js";

export async function cancelConference(ctx: Ctx, { id }: { id: string }): Promise<ConferenceRow> {
  const { principal } = ctx;
  const now = ctx.clock.now();
  return writeOnRecord(
    ctx,
    (tx) => organisedConference(tx, principal, id),
    async (tx, conference) => {
      if (conference.status === "cancelled") return conference;
      const updated: ConferenceRow = {
        ...conference,
        status: "cancelled",
        sequence: conference.sequence + 1,
        updatedAt: now.toISOString(),
      };
      await tx.update(conferences).set(updated).where(eq(conferences.id, id));
      const invited = (await inviteesOf(tx, id)).filter((i) => i.status === "invited");
      await enqueue(tx, ...invitationEvents(ctx, now, updated, invited, "CANCEL"));
      await auditConference(tx, ctx, "conference.cancel", id);
      return updated;
    },
  );
}
