// Records which team holds which person's call-back task (`db/team-tasks.ts`): the opening
// and the closing of each task. Due and overdue announcements record it too (callback-alerts.ts),
// so a task opened before this service knew of `callback.opened` is still known once it falls due.

import { consumerOf } from "@relais/bus";
import { CallbackClosed, CallbackOpened } from "@relais/contracts";
import { closeTask, rememberTask } from "../db/team-tasks.js";

export function teamTaskConsumers() {
  return [
    consumerOf(CallbackOpened, "notifications-callback-opened", async (tx, event) => {
      const { data, orgId } = event;
      await rememberTask(tx, { ...data, orgId, at: data.openedAt });
    }),
    consumerOf(CallbackClosed, "notifications-callback-closed", async (tx, event) => {
      const { data, orgId, occurredAt } = event;
      await closeTask(tx, { ...data, orgId, at: occurredAt });
    }),
  ];
}
