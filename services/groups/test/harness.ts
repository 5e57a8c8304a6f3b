// Builds the groups app on the parts every service's tests start (@relais/service-testing): a
// libSQL file with the service's migrations, a real nats-server that the test file starts.
import type { Clock } from "@relais/service-kit";
import { recipientKeys, startServiceParts, testLogger } from "@relais/service-testing";
import type { NatsProcess } from "@relais/testing";
import { createApp } from "../src/app.js";
import { groupConsumers } from "../src/events/consumers.js";
import { service } from "../src/service.js";
import { clientFor } from "./client.js";

export const logger = testLogger;

export async function startGroups(nats: NatsProcess, options: { clock?: Clock } = {}) {
  // groups' own key pair (referrals seals display names for it) and notifications' public key.
  const groups = recipientKeys();
  const notifications = recipientKeys();
  const parts = await startServiceParts({
    nats,
    ...service,
    clock: options.clock,
    consumers: ({ clock }) => groupConsumers({ clock, open: groups.open }),
  });
  const app = createApp({
    ...parts.deps,
    seal: { notifications: notifications.seal },
  });
  return {
    ...parts,
    app,
    client: clientFor(app),
    /** What referrals holds: seals display names for groups. */
    sealForGroups: groups.seal,
    /** What notifications holds: opens what groups seals for it. */
    openAsNotifications: notifications.open,
  };
}

export type GroupsService = Awaited<ReturnType<typeof startGroups>>;
