import { type RateLimit, type SealedBox, type ServiceDeps, serviceApp } from "@relais/service-kit";
import type { StatisticsSettings } from "@relais/statistics";
import type { EventSeals } from "./actions/deps.js";
import type * as schema from "./db/schema.js";
import type { ReferralPolicy } from "./domain/policy.js";
import { callbackRoutes } from "./routes/callbacks.js";
import { criticalityRoutes } from "./routes/criticality.js";
import { directoryRoutes } from "./routes/directory.js";
import { lookupRoutes } from "./routes/lookup.js";
import { oversightRoutes } from "./routes/oversight.js";
import { policeZoneRoutes } from "./routes/police-zones.js";
import { referralRoutes } from "./routes/referrals.js";
import { retentionRoutes } from "./routes/retention.js";
import { routingRoutes } from "./routes/routing.js";
import { statisticsRoutes } from "./routes/statistics.js";
import { zoneFeedbackRoutes } from "./routes/zone-feedback.js";

export interface AppDeps extends ServiceDeps<typeof schema> {
  /** Police intake per zone (INTAKE_RATE_LIMIT); absent, as in most tests, intake is not limited. */
  intakeLimit?: RateLimit;
  box: SealedBox;
  policy: ReferralPolicy;
  seal: EventSeals;
  /** The organisation's zone and the suppression threshold (default Europe/Brussels, 5). */
  statistics?: StatisticsSettings;
}

export function createApp(deps: AppDeps) {
  return serviceApp(deps, "Relais referrals", [
    zoneFeedbackRoutes,
    lookupRoutes,
    referralRoutes,
    callbackRoutes,
    criticalityRoutes,
    routingRoutes,
    directoryRoutes,
    policeZoneRoutes,
    oversightRoutes,
    retentionRoutes,
    statisticsRoutes,
  ]);
}
