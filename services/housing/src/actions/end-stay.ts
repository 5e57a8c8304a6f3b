// A stay ends: where the person went, and the day the requesting team follows them up (Astree:
// the aim is durable housing, not a return to emergency circuits). Ending frees the place.
import { enqueue } from "@relais/bus";
import { createEvent, PlacementEnded, type StayExit } from "@relais/contracts";
import { Conflict, Invalid, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type PlacementRow, visiblePlacement } from "../db/placement-store.js";
import { placements } from "../db/schema.js";
import { addNights, localToday } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export async function endStay(
  ctx: HousingContext,
  { id, input }: { id: string; input: { exit: StayExit; endDate?: string } },
) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  const today = localToday(now, ctx.settings.timeZone);
  const endDate = input.endDate ?? today;
  if (endDate > today)
    throw new Invalid("A stay ends today at the latest", [
      { path: "endDate", message: `must not be after ${today}` },
    ]);
  return writeVerb(ctx, async (tx) => {
    const row = await visiblePlacement(tx, principal, [], id);
    if (row.status !== "confirmed")
      throw new Conflict(`This placement is ${row.status}; only a current stay ends`, "stay_not_current");
    if (endDate < row.startDate)
      throw new Invalid("A stay ends after it starts", [
        { path: "endDate", message: `must not be before ${row.startDate}` },
      ]);
    const followUpDue = addNights(endDate, ctx.settings.followUpDays);
    const ended: PlacementRow = {
      ...row,
      status: "ended",
      exit: input.exit,
      endDate,
      followUpDue,
      updatedAt: now.toISOString(),
    };
    await tx
      .update(placements)
      .set({ status: "ended", exit: input.exit, endDate, followUpDue, updatedAt: ended.updatedAt })
      .where(eq(placements.id, row.id));
    await enqueue(
      tx,
      createEvent(PlacementEnded, {
        orgId: row.orgId,
        source: "housing",
        correlationId: requestId,
        occurredAt: now,
        data: { placementId: row.id, personRef: row.personRef, exit: input.exit, endDate, followUpDue },
      }),
    );
    await recordAudit(tx, {
      principal,
      action: "placement.end",
      recordType: "placement",
      recordId: row.id,
      requestId,
    });
    return ended;
  });
}
