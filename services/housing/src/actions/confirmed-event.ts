// `housing.placement.confirmed`: the address, opened from its DATA_KEY seal only to be sealed at
// once for notifications, goes into the outbox with the confirmation, in its transaction.
import { createEvent, PlacementConfirmed } from "@relais/contracts";
import type { RecipientSealer, SealedBox } from "@relais/service-kit";
import type { PlacementRow } from "../db/placement-store.js";
import { fromHousing } from "../domain/event-origin.js";

export function placementConfirmedEvent(
  deps: { box: SealedBox; seal: { notifications: RecipientSealer } },
  placement: PlacementRow,
  addressSealed: string,
  correlationId: string,
  now: Date,
) {
  const address = deps.box.open(addressSealed);
  return createEvent(PlacementConfirmed, {
    ...fromHousing(placement.orgId, correlationId, now),
    data: {
      placementId: placement.id,
      personRef: placement.personRef,
      ...(placement.referralId ? { referralId: placement.referralId } : {}),
      householdSize: placement.householdSize,
      startDate: placement.startDate,
      plannedEndDate: placement.plannedEndDate,
      timeZone: placement.timeZone,
      ...(placement.language ? { language: placement.language } : {}),
      sealed: deps.seal.notifications.seal({ address }, PlacementConfirmed.type),
    },
  });
}
