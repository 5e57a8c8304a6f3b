// A call-back worker's "accepted support, wants a group": offer the person a matching group
// (kind, language, municipality) as an enrolment or waitlist place, or list them for staff to place.
import { consumerOf } from "@relais/bus";
import { newId, SupportRequested, SupportRequestedSealed } from "@relais/contracts";
import { type Executor, rowExists } from "@relais/db";
import { type Clock, DomainError, type RecipientOpener } from "@relais/service-kit";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { type Enrolled, enrolParticipant } from "../actions/enrol-participant.js";
import { type GroupRecord, seatCounts, toGroupRecord } from "../db/group-store.js";
import { groups, placements } from "../db/schema.js";

export function supportRequestedConsumer(deps: { clock: Clock; open: RecipientOpener }) {
  return consumerOf(SupportRequested, "groups-support-requested", async (tx, event) => {
    const request = event.data;
    // The display name comes sealed for groups; an event it cannot open fails and is retried,
    // then dead-lettered, rather than placing a person without a name.
    const { displayName } = request.sealed
      ? SupportRequestedSealed.parse(deps.open.open(request.sealed, SupportRequested.type))
      : SupportRequestedSealed.parse({});
    const already = await rowExists(tx, placements, [
      eq(placements.orgId, event.orgId),
      eq(placements.referralId, request.referralId),
      eq(placements.personRef, request.personRef),
    ]);
    if (already) return;
    const now = deps.clock.now();
    const mandate = request.groupKind === "perpetrator" ? request.mandate : undefined;
    const placed = await offerPlace(
      tx,
      event.orgId,
      { ...request, displayName },
      now,
      event.correlationId,
      mandate,
    );
    await tx.insert(placements).values({
      id: newId(),
      orgId: event.orgId,
      referralId: request.referralId,
      personRef: request.personRef,
      role: request.role,
      displayName: displayName ?? null,
      groupKind: request.groupKind,
      language: request.language,
      municipality: request.municipality,
      timeZone: request.timeZone,
      mandate: request.mandate ? JSON.stringify(request.mandate) : null,
      status: placed ? "placed" : "awaiting",
      groupId: placed?.enrolment.groupId ?? null,
      enrolmentId: placed?.enrolment.id ?? null,
      createdAt: now.toISOString(),
      placedAt: placed ? now.toISOString() : null,
    });
  });
}

type Request = z.infer<typeof SupportRequested.data> & { displayName?: string };

/** Tries matching groups, those with a free seat first, then the shortest waitlist; null if none fits. */
async function offerPlace(
  tx: Executor,
  orgId: string,
  request: Request,
  now: Date,
  correlationId: string,
  mandate: Request["mandate"],
): Promise<Enrolled | null> {
  const rows = await tx
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.orgId, orgId),
        eq(groups.kind, request.groupKind),
        eq(groups.language, request.language),
        eq(groups.municipality, request.municipality),
      ),
    )
    .orderBy(asc(groups.id));
  const ranked: Array<{ group: GroupRecord; free: number; waiting: number }> = [];
  for (const row of rows) {
    const group = toGroupRecord(row);
    const counts = await seatCounts(tx, group.id);
    ranked.push({ group, free: group.capacity - counts.enrolled, waiting: counts.waitlisted });
  }
  ranked.sort((a, b) => Number(b.free > 0) - Number(a.free > 0) || a.waiting - b.waiting);
  for (const { group } of ranked) {
    try {
      const participant = {
        personRef: request.personRef,
        language: request.language,
        displayName: request.displayName,
        mandate,
        source: "placement" as const,
        referralId: request.referralId,
      };
      return await enrolParticipant(tx, { group, participant, now, correlationId });
    } catch (error) {
      // Closed, already there, or kept apart from someone in it: try the next group.
      if (error instanceof DomainError && error.status < 500) continue;
      throw error;
    }
  }
  return null;
}
