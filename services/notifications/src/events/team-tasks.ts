// Records which team holds which person's call-back task (`db/team-tasks.ts`): the opening
// and the closing of each task. Due and overdue announcements record it too (callback-alerts.ts),
// so a task opened before this service knew of `callback.opened` is still known once it falls due.
import { defineConsumer } from "@relais/bus";
import { CallbackClosed, CallbackOpened } from "@relais/contracts";
import { closeTask, rememberTask } from "../db/team-tasks.js";

export function teamTaskConsumers() {
  return [
    defineConsumer({
      stream: "REFERRALS",
      durable: "notifications-callback-opened",
      filterSubject: CallbackOpened.subject,
      events: [CallbackOpened],
      async handle(tx, event) {
        const { data, orgId } = event;
        await rememberTask(tx, { ...data, orgId, at: data.openedAt });
      },
    }),
    defineConsumer({
      stream: "REFERRALS",
      durable: "notifications-callback-closed",
      filterSubject: CallbackClosed.subject,
      events: [CallbackClosed],
      async handle(tx, event) {
        const { data, orgId, occurredAt } = event;
        await closeTask(tx, { ...data, orgId, at: occurredAt });
      },
    }),
  ];
}
