// Builds the housing app on the parts every service's tests start (@relais/service-testing): a
// libSQL file with the service's migrations, a real nats-server that the test file starts.
import type { Clock } from "@relais/service-kit";
import { recipientKeys, startServiceParts, testLogger } from "@relais/service-testing";
import type { NatsProcess } from "@relais/testing";
import { createApp } from "../src/app.js";
import { DEFAULT_SETTINGS } from "../src/domain/settings.js";
import { housingConsumers } from "../src/events/consumers.js";
import { service } from "../src/service.js";
import { clientFor } from "./client.js";

export const logger = testLogger;

export async function startHousing(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const parts = await startServiceParts({
    nats,
    ...service,
    clock: options.clock,
    consumers: ({ clock }) => housingConsumers({ clock }),
  });
  const notifications = recipientKeys();
  const app = createApp({
    ...parts.deps,
    box: parts.box,
    seal: { notifications: notifications.seal },
    settings: DEFAULT_SETTINGS,
  });
  return {
    ...parts,
    app,
    client: clientFor(app),
    /** What notifications holds: opens what housing seals for it. */
    openAsNotifications: notifications.open,
  };
}

export type HousingService = Awaited<ReturnType<typeof startHousing>>;
