import type { ConsumerRunner } from "@relais/bus";
import type { Database } from "@relais/db";
import type { SealedBox } from "@relais/service-kit";
import {
  type Clock,
  createServiceApp,
  deadLetterRoutes,
  type Logger,
  type TokenVerifier,
} from "@relais/service-kit";
import type * as schema from "./db/schema.js";
import type { ReferralPolicy } from "./domain/policy.js";
import { callbackRoutes } from "./routes/callbacks.js";
import { policeZoneRoutes } from "./routes/police-zones.js";
import { referralRoutes } from "./routes/referrals.js";
import { routingRoutes } from "./routes/routing.js";

export interface AppDeps {
  database: Database<typeof schema>;
  logger: Logger;
  verifyToken: TokenVerifier;
  clock: Clock;
  runner: ConsumerRunner;
  natsCheck: () => Promise<void>;
  box: SealedBox;
  policy: ReferralPolicy;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp({
    name: "Relais referrals",
    version: "0.1.0",
    logger: deps.logger,
    verifyToken: deps.verifyToken,
    readiness: [
      { name: "database", check: () => deps.database.ping() },
      { name: "nats", check: deps.natsCheck },
    ],
  });
  return app
    .route("/", referralRoutes(deps))
    .route("/", callbackRoutes(deps))
    .route("/", routingRoutes(deps))
    .route("/", policeZoneRoutes(deps))
    .route("/", deadLetterRoutes(deps));
}
