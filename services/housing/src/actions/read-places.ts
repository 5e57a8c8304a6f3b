// Housing staff read the organisation's places: each with its windows and the stays holding it
// from tonight on (nights in HOUSING_TIME_ZONE). Never the address (see reveal-address.ts).
import { asc, eq } from "drizzle-orm";
import { type PlaceRecord, placeInOrg, placeRecords } from "../db/place-store.js";
import { places } from "../db/schema.js";
import { localToday } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

const today = (ctx: HousingContext) => localToday(ctx.clock.now(), ctx.settings.timeZone);

export async function listPlaces(ctx: HousingContext): Promise<PlaceRecord[]> {
  const rows = await ctx.database.db
    .select()
    .from(places)
    .where(eq(places.orgId, ctx.principal.org))
    .orderBy(asc(places.id))
    .limit(500);
  return placeRecords(ctx.database.db, rows, today(ctx));
}

export async function readPlace(ctx: HousingContext, { id }: { id: string }): Promise<PlaceRecord> {
  const place = await placeInOrg(ctx.database.db, ctx.principal.org, id);
  const [record] = await placeRecords(ctx.database.db, [place], today(ctx));
  return record!;
}
