// Builds the housing app on the parts every service's tests start (@relais/service-testing): a
// libSQL file with the service's migrations, a real nats-server that the test file starts, and its
// consumers running: `follow` announces a call-back task on the bus as referrals does, so a
// caseworker's team follows the person and may ask for a place for them.
import type { Clock } from "@relais/service-kit";
import { recipientKeys, startServiceParts, testLogger } from "@relais/service-testing";
import { type CallbackTaskInput, callbackClosed, callbackOpened, type NatsProcess } from "@relais/testing";
import { createApp } from "../src/app.js";
import { DEFAULT_SETTINGS } from "../src/domain/settings.js";
import { housingConsumers } from "../src/events/consumers.js";
import { service } from "../src/service.js";
import { clientFor, ORG, worker } from "./client.js";

export const logger = testLogger;

export async function startHousing(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const parts = await startServiceParts({
    nats,
    ...service,
    clock: options.clock,
    consumers: ({ clock }) => housingConsumers({ clock }),
  });
  parts.runner.start();
  const notifications = recipientKeys();
  let tasks = 0;
  /** Opens a call-back task of `team` (the worker's, unless said) for the person; `closedAt` closes it. */
  async function follow(
    personRef: string,
    options: Partial<CallbackTaskInput> & { org?: string; closedAt?: string } = {},
  ): Promise<string> {
    const { org = ORG, closedAt, ...rest } = options;
    tasks += 1;
    const task = { taskId: `cbk-${tasks}-${personRef}`, personRef, team: worker.teams[0], ...rest };
    await parts.publish(callbackOpened(org, task));
    if (closedAt) await parts.publish(callbackClosed(org, { ...task, closedAt }));
    return task.taskId;
  }
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
    follow,
    /** What notifications holds: opens what housing seals for it. */
    openAsNotifications: notifications.open,
  };
}

export type HousingService = Awaited<ReturnType<typeof startHousing>>;
