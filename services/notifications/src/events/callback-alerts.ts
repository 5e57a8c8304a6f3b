import type { ConsumerDefinition } from "@relais/bus";
import { CallbackDue, CallbackOverdue } from "@relais/contracts";
import { alertCallbackTeam } from "../actions/alert-callback-team.js";
import type { NotifyDeps } from "../actions/context.js";

export function callbackAlertConsumers(deps: NotifyDeps): ConsumerDefinition[] {
  return [
    {
      stream: "REFERRALS",
      durable: "notifications-callback-due",
      filterSubject: CallbackDue.subject,
      events: [CallbackDue],
      async handle(tx, envelope) {
        const event = CallbackDue.envelope.parse(envelope);
        await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_due" });
      },
    },
    {
      stream: "REFERRALS",
      durable: "notifications-callback-overdue",
      filterSubject: CallbackOverdue.subject,
      events: [CallbackOverdue],
      async handle(tx, envelope) {
        const event = CallbackOverdue.envelope.parse(envelope);
        await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_overdue" });
      },
    },
  ];
}
