import { type RecipientSealer, type ServiceDeps, serviceApp } from "@relais/service-kit";
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
  return serviceApp(deps, "Relais groups", [
    groupRoutes,
    sessionRoutes,
    enrolmentRoutes,
    attendanceRoutes,
    reportRoutes,
    checkInRoutes,
    placementRoutes,
    separationRoutes,
    statisticsRoutes,
  ]);
}
