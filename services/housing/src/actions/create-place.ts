// A housing partner's staff member adds a place. The address is sealed before it is written and
// is in no answer, log or audit row: the answer stored under the Idempotency-Key has none either.
import { newId, type PlaceKind } from "@relais/contracts";
import { audit, writeVerb } from "@relais/service-kit";
import { places, placeWindows } from "../db/schema.js";
import { checkWindows } from "../domain/windows.js";
import type { HousingContext } from "./context.js";

export interface PlaceInput {
  kind: PlaceKind;
  label: string;
  address: string;
  capacity: number;
  windows: Array<{ startsOn: string; endsOn: string }>;
}

export async function createPlace(ctx: HousingContext, input: PlaceInput) {
  const { principal } = ctx;
  checkWindows(input.windows);
  const now = ctx.clock.now().toISOString();
  const row = {
    id: newId(),
    orgId: principal.org,
    kind: input.kind,
    label: input.label,
    addressSealed: ctx.box.seal(input.address),
    capacity: input.capacity,
    active: true,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  const windows = input.windows.map((w) => ({ id: newId(), placeId: row.id, orgId: principal.org, ...w }));
  return writeVerb(ctx, async (tx, authorised) => {
    await authorised(`sub:${principal.sub}`);
    await tx.insert(places).values(row);
    if (windows.length > 0) await tx.insert(placeWindows).values(windows);
    await audit(tx, ctx, "place.create", { type: "place", id: row.id });
    return { place: row, windows, stays: [] };
  });
}
