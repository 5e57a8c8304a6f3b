import { enqueue } from "@relais/bus";
import { audit, Invalid } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import {
  type GroupRecord,
  groupSessions,
  type SessionRecord,
  seatCounts,
  sessionChangedEvent,
} from "../db/group-store.js";
import { groupFacilitators, groups } from "../db/schema.js";
import { changeFacts } from "../db/separation-facts.js";
import type { GroupPatch } from "../domain/group-input.js";
import { locationKey } from "../domain/overlap.js";
import { assertChangeKeepsApart } from "../domain/separation.js";
import type { Ctx } from "./context.js";
import { promoteWaitlist } from "./promote-waitlist.js";
import { writeOnGroup } from "./record-verbs.js";

/** Fields a calendar invite shows: changing one re-sends the series to participants. */
const SERIES_FIELDS = ["publicName", "language", "location", "facilitators"] as const;

export interface UpdatedGroup {
  group: GroupRecord;
  sessions: SessionRecord[];
  seats: { enrolled: number; waitlisted: number };
}

export async function updateGroup(
  ctx: Ctx,
  { id, patch }: { id: string; patch: GroupPatch },
): Promise<UpdatedGroup> {
  const { requestId } = ctx;
  return writeOnGroup(ctx, id, async (tx, before) => {
    if (patch.compliancePolicy && before.kind !== "perpetrator")
      throw new Invalid("Only perpetrator groups have a compliance policy", [
        { path: "compliancePolicy", code: "perpetrator_only", message: "Only perpetrator groups have one" },
      ]);
    const now = ctx.clock.now();
    const seriesChanged = SERIES_FIELDS.some((field) => patch[field] !== undefined);
    const group: GroupRecord = {
      ...before,
      ...patch,
      compliancePolicy: patch.compliancePolicy ?? before.compliancePolicy,
      venueKey: patch.location ? locationKey(patch.location) : before.venueKey,
      sequence: seriesChanged ? before.sequence + 1 : before.sequence,
      updatedAt: now.toISOString(),
    };
    await tx
      .update(groups)
      .set({
        publicName: group.publicName,
        language: group.language,
        municipality: group.municipality,
        location: JSON.stringify(group.location),
        venueKey: group.venueKey,
        capacity: group.capacity,
        admission: group.admission,
        facilitators: JSON.stringify(group.facilitators),
        compliancePolicy: group.compliancePolicy ? JSON.stringify(group.compliancePolicy) : null,
        sequence: group.sequence,
        updatedAt: group.updatedAt,
      })
      .where(eq(groups.id, id));
    if (patch.facilitators) {
      await tx.delete(groupFacilitators).where(eq(groupFacilitators.groupId, id));
      await tx.insert(groupFacilitators).values(patch.facilitators.map((f) => ({ groupId: id, sub: f.sub })));
    }
    const sessions = await groupSessions(tx, id);
    // A new venue may be where, at the same times, a group meets that someone is kept apart from.
    if (patch.location) assertChangeKeepsApart(sessions, await changeFacts(tx, group));
    if (seriesChanged) {
      // The series event names the next session still to be held: the change applies from there on.
      const next =
        sessions.find((s) => s.status !== "cancelled" && Date.parse(s.startsAt) >= now.getTime()) ??
        sessions.at(-1);
      if (next)
        await enqueue(
          tx,
          sessionChangedEvent(group, sessions, {
            sessionId: next.id,
            scope: "following",
            now,
            correlationId: requestId,
          }),
        );
    }
    // More seats, or a switch to rolling admission, may let people off the waitlist.
    await promoteWaitlist(tx, { group, sessions, now, correlationId: requestId });
    await audit(tx, ctx, "group.update", { type: "group", id });
    return { group, sessions, seats: await seatCounts(tx, id) };
  });
}
