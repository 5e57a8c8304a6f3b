// The one way an address leaves housing in clear: a housing staff member asks to see it, and the
// read is audited before it is answered.
import { audit, writeVerb } from "@relais/service-kit";
import { placeInOrg } from "../db/place-store.js";
import type { HousingContext } from "./context.js";

export async function revealAddress(ctx: HousingContext, { placeId }: { placeId: string }) {
  const place = await placeInOrg(ctx.database.db, ctx.principal.org, placeId);
  await writeVerb(ctx, (tx) => audit(tx, ctx, "place.address.read", { type: "place", id: place.id }));
  return { placeId: place.id, address: ctx.box.open(place.addressSealed) };
}
