import { consumerOf } from "@relais/bus";
import { ActionOverdue, InvitationSent } from "@relais/contracts";
import type { ConsumerDeps } from "../actions/context.js";
import { remindConferenceAction } from "../actions/remind-conference-action.js";
import { sendConferenceInvite } from "../actions/send-conference-invite.js";

export function conferenceConsumers(deps: ConsumerDeps) {
  return [
    consumerOf(InvitationSent, "notifications-conference-invitation", async (tx, event) => {
      await sendConferenceInvite({ ...deps, tx }, event);
    }),
    consumerOf(ActionOverdue, "notifications-conference-action-overdue", async (tx, event) => {
      await remindConferenceAction({ ...deps, tx }, event);
    }),
  ];
}
