import { type RecipientSealer, type SealedBox, type ServiceDeps, serviceApp } from "@relais/service-kit";
import type { StatisticsSettings } from "@relais/statistics";
import type * as schema from "./db/schema.js";
import type { HousingSettings } from "./domain/settings.js";
import { placementRoutes } from "./routes/placements.js";
import { placeRoutes } from "./routes/places.js";
import { statisticsRoutes } from "./routes/statistics.js";

export interface AppDeps extends ServiceDeps<typeof schema> {
  /** DATA_KEY: the places' addresses at rest. */
  box: SealedBox;
  /** A confirmed placement's address leaves sealed for notifications, never in clear. */
  seal: { notifications: RecipientSealer };
  settings: HousingSettings;
  /** The organisation's zone and the suppression threshold (default Europe/Brussels, 5). */
  statistics?: StatisticsSettings;
}

export function createApp(deps: AppDeps) {
  return serviceApp(deps, "Relais housing", [placeRoutes, placementRoutes, statisticsRoutes]);
}
