// Housing staff list the organisation's places: each with its windows and the stays holding it
// from tonight on (nights in HOUSING_TIME_ZONE). Never the address (see reveal-address.ts).
import { asc, eq } from "drizzle-orm";
import { type PlaceRecord, placeRecords } from "../db/place-store.js";
import { places } from "../db/schema.js";
import { localToday } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export async function listPlaces(ctx: HousingContext): Promise<PlaceRecord[]> {
  const rows = await ctx.database.db
    .select()
    .from(places)
    .where(eq(places.orgId, ctx.principal.org))
    .orderBy(asc(places.id))
    .limit(500);
  return placeRecords(ctx.database.db, rows, localToday(ctx.clock.now(), ctx.settings.timeZone));
}
