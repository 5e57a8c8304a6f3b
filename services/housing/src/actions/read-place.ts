// One of the organisation's places with its windows and the stays holding it from tonight on
// (nights in HOUSING_TIME_ZONE). Never the address (see reveal-address.ts).
import { type PlaceRecord, placeInOrg, placeRecords } from "../db/place-store.js";
import { localToday } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export async function readPlace(ctx: HousingContext, { id }: { id: string }): Promise<PlaceRecord> {
  const place = await placeInOrg(ctx.database.db, ctx.principal.org, id);
  const [record] = await placeRecords(
    ctx.database.db,
    [place],
    localToday(ctx.clock.now(), ctx.settings.timeZone),
  );
  return record!;
}
