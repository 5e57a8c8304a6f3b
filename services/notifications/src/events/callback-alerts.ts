import { defineConsumer } from "@relais/bus";
import { CallbackDue, CallbackOverdue } from "@relais/contracts";
import { alertCallbackTeam } from "../actions/alert-callback-team.js";
import type { NotifyDeps } from "../actions/context.js";

export function callbackAlertConsumers(deps: NotifyDeps) {
  return [
    defineConsumer({
      stream: "REFERRALS",
      durable: "notifications-callback-due",
      filterSubject: CallbackDue.subject,
      events: [CallbackDue],
      async handle(tx, event) {
        await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_due" });
      },
    }),
    defineConsumer({
      stream: "REFERRALS",
      durable: "notifications-callback-overdue",
      filterSubject: CallbackOverdue.subject,
      events: [CallbackOverdue],
      async handle(tx, event) {
        await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_overdue" });
      },
    }),
  ];
}
