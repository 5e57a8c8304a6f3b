import { consumerOf } from "@relais/bus";
import { PlacementAddressSealed, PlacementConfirmed } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { tellPlacementAddress } from "../actions/tell-placement-address.js";

export function placementConfirmedConsumer(deps: ConsumerDeps) {
  return consumerOf(PlacementConfirmed, "notifications-housing-placement-confirmed", async (tx, event) => {
    await tellPlacementAddress(
      { ...deps, tx },
      {
        event,
        sealed: () =>
          PlacementAddressSealed.parse(deps.open.open(event.data.sealed, PlacementConfirmed.type)),
      },
    );
  });
}
