// The one way an address leaves housing in clear: a housing staff member asks to see it, and the
// read is audited before it is answered.
import { recordAudit, writeVerb } from "@relais/service-kit";
import { placeInOrg } from "../db/place-store.js";
import type { HousingContext } from "./context.js";

export async function revealAddress(ctx: HousingContext, { placeId }: { placeId: string }) {
  const place = await placeInOrg(ctx.database.db, ctx.principal.org, placeId);
  await writeVerb(ctx, (tx) =>
    recordAudit(tx, {
      principal: ctx.principal,
      action: "place.address.read",
      recordType: "place",
      recordId: place.id,
      requestId: ctx.requestId,
    }),
  );
  return { placeId: place.id, address: ctx.box.open(place.addressSealed) };
}
