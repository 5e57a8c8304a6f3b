// Housing staff say which nights a place can be given. A window may not be taken away from under
// a stay that holds it: the stay would lose its bed without anyone deciding so.
import { newId } from "@relais/contracts";
import { audit, Conflict, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { placeFacts } from "../db/place-facts.js";
import { placeInOrg } from "../db/place-store.js";
import { places, placeWindows } from "../db/schema.js";
import { localToday } from "../domain/nights.js";
import { checkWindows } from "../domain/windows.js";
import type { HousingContext } from "./context.js";

export async function setAvailability(
  ctx: HousingContext,
  { placeId, windows }: { placeId: string; windows: Array<{ startsOn: string; endsOn: string }> },
) {
  const { principal } = ctx;
  checkWindows(windows);
  const today = localToday(ctx.clock.now(), ctx.settings.timeZone);
  return writeVerb(ctx, async (tx) => {
    await placeInOrg(tx, principal.org, placeId);
    const [facts] = await placeFacts(tx, principal.org, { placeId });
    const uncovered = facts?.held.find(
      (h) => h.to > today && !windows.some((w) => w.startsOn <= h.from && h.to <= w.endsOn),
    );
    if (uncovered)
      throw new Conflict(
        `A stay holds this place from ${uncovered.from} to ${uncovered.to}; keep a window over it`,
        "window_holds_stay",
        [
          {
            path: "windows",
            code: "windows_cover_stays",
            message: "must cover every stay that holds the place",
          },
        ],
      );
    await tx.delete(placeWindows).where(eq(placeWindows.placeId, placeId));
    if (windows.length > 0)
      await tx
        .insert(placeWindows)
        .values(windows.map((w) => ({ id: newId(), placeId, orgId: principal.org, ...w })));
    await tx.update(places).set({ updatedAt: ctx.clock.now().toISOString() }).where(eq(places.id, placeId));
    await audit(tx, ctx, "place.availability", { type: "place", id: placeId });
  });
}
