// A stay ends: where the person went, and the day the requesting team follows them up (Astree:
// the aim is durable housing, not a return to emergency circuits). Ending frees the place.
import { enqueueEvent } from "@relais/bus";
import { PlacementEnded, type StayExit } from "@relais/contracts";
import { Invalid, writeVerb } from "@relais/service-kit";
import { changePlacement, placementIn } from "../db/placement-store.js";
import { fromHousing } from "../domain/event-origin.js";
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
      { path: "endDate", code: "not_after", params: { date: today }, message: `must not be after ${today}` },
    ]);
  return writeVerb(ctx, async (tx) => {
    const row = await placementIn(tx, principal, id, {
      statuses: ["confirmed"],
      code: "stay_not_current",
      not: "; only a current stay ends",
    });
    if (endDate < row.startDate)
      throw new Invalid("A stay ends after it starts", [
        {
          path: "endDate",
          code: "not_before",
          params: { date: row.startDate },
          message: `must not be before ${row.startDate}`,
        },
      ]);
    const followUpDue = addNights(endDate, ctx.settings.followUpDays);
    const change = {
      status: "ended" as const,
      exit: input.exit,
      endDate,
      followUpDue,
      updatedAt: now.toISOString(),
    };
    const ended = await changePlacement(tx, ctx, row, change, "placement.end");
    await enqueueEvent(tx, PlacementEnded, fromHousing(row.orgId, requestId, now), {
      placementId: row.id,
      personRef: row.personRef,
      exit: input.exit,
      endDate,
      followUpDue,
    });
    return ended;
  });
}
