import { consumerOf } from "@relais/bus";
import { CallbackDue, CallbackEscalated, CallbackOverdue } from "@relais/contracts";
import { alertCallbackTeam } from "../actions/alert-callback-team.js";
import type { NotifyDeps } from "../actions/context.js";

export function callbackAlertConsumers(deps: NotifyDeps) {
  return [
    consumerOf(CallbackDue, "notifications-callback-due", async (tx, event) => {
      await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_due" });
    }),
    consumerOf(CallbackOverdue, "notifications-callback-overdue", async (tx, event) => {
      await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_overdue" });
    }),
    // A criticality assessment raised the task's risk: the team is told at once (services/referrals README).
    consumerOf(CallbackEscalated, "notifications-callback-escalated", async (tx, event) => {
      await alertCallbackTeam({ ...deps, tx }, { event, template: "callback_escalated" });
    }),
  ];
}
