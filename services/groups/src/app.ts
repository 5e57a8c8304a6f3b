import {
  auditRoutes,
  createServiceApp,
  deadLetterRoutes,
  type RecipientSealer,
  type ServiceDeps,
  serviceReadiness,
} from "@relais/service-kit";
import type { StatisticsSettings } from "@relais/statistics";
import type * as schema from "./db/schema.js";
import { attendanceRoutes } from "./routes/attendance.js";
import { checkInRoutes } from "./routes/check-ins.js";
import { enrolmentRoutes } from "./routes/enrolments.js";
import { groupRoutes } from "./routes/groups.js";
import { placementRoutes } from "./routes/placements.js";
import { reportRoutes } from "./routes/reports.js";
import { separationRoutes } from "./routes/separations.js";
import { sessionRoutes } from "./routes/sessions.js";
import { statisticsRoutes } from "./routes/statistics.js";

export interface AppDeps extends ServiceDeps<typeof schema> {
  /** Contact details of direct enrolments leave sealed for notifications, never kept here. */
  seal: { notifications: RecipientSealer };
  /** The organisation's zone and the suppression threshold (default Europe/Brussels, 5). */
  statistics?: StatisticsSettings;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp({
    name: "Relais groups",
    version: "0.1.0",
    logger: deps.logger,
    verifyToken: deps.verifyToken,
    readiness: serviceReadiness(deps),
    ...deps.edge,
    auditDatabase: deps.database,
  });
  return app
    .route("/", groupRoutes(deps))
    .route("/", sessionRoutes(deps))
    .route("/", enrolmentRoutes(deps))
    .route("/", attendanceRoutes(deps))
    .route("/", reportRoutes(deps))
    .route("/", checkInRoutes(deps))
    .route("/", placementRoutes(deps))
    .route("/", separationRoutes(deps))
    .route("/", statisticsRoutes(deps))
    .route("/", deadLetterRoutes(deps))
    .route("/", auditRoutes(deps));
}
