import { type RecipientSealer, type SealedBox, type ServiceDeps, serviceApp } from "@relais/service-kit";
import type * as schema from "./db/schema.js";
import { agendaRoutes } from "./routes/agenda.js";
import { conferenceRoutes } from "./routes/conferences.js";
import { mineRoutes } from "./routes/mine.js";
import { minutesRoutes } from "./routes/minutes.js";
import { referralRoutes } from "./routes/referrals.js";

export interface AppDeps extends ServiceDeps<typeof schema> {
  /** DATA_KEY: invitees' addresses and the texts written for the conference are sealed at rest. */
  box: SealedBox;
  /** Invitees' addresses leave sealed for notifications, which sends their invites and reminders. */
  seal: { notifications: RecipientSealer };
}

export function createApp(deps: AppDeps) {
  return serviceApp(deps, "Relais conferences", [
    conferenceRoutes,
    agendaRoutes,
    mineRoutes,
    minutesRoutes,
    referralRoutes,
  ]);
}
