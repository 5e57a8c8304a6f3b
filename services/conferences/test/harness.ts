// Builds the conferences app on the parts every service's tests start (@relais/service-testing):
// a libSQL file with the service's migrations, a real nats-server that the test file starts.
import type { Clock } from "@relais/service-kit";
import { recipientKeys, startServiceParts, testLogger } from "@relais/service-testing";
import type { NatsProcess } from "@relais/testing";
import { createApp } from "../src/app.js";
import { conferenceConsumers } from "../src/events/referral-received.js";
import { createActionReminders } from "../src/jobs/action-reminders.js";
import { service } from "../src/service.js";
import { clientFor } from "./client.js";

export const logger = testLogger;

export async function startConferences(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const parts = await startServiceParts({
    nats,
    ...service,
    consumers: () => conferenceConsumers(),
    clock: options.clock,
  });
  const { database, box, clock } = parts;
  const notificationsKeys = recipientKeys();
  const seal = { notifications: notificationsKeys.seal };
  const startReminders = () =>
    createActionReminders({ database, box, sealer: seal.notifications, clock, logger });
  const reminders = startReminders();
  const app = createApp({ ...parts.deps, box, seal });
  return {
    ...parts,
    app,
    client: clientFor(app),
    reminders,
    notificationsKeys,
    /** What notifications holds: opens what conferences seals for it. */
    openAsNotifications: notificationsKeys.open,
    /** A second reminder loop on the same database: what a restarted (or second) instance runs. */
    restartedReminders: startReminders,
    async stop() {
      await reminders.stop();
      await parts.stop();
    },
  };
}

export type ConferencesService = Awaited<ReturnType<typeof startConferences>>;
