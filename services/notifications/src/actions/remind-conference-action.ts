// The reminder of a case conference's overdue action to its owner, at their organisational address
// (sealed for notifications, opened here only), in their language.
import { ActionOverdue, InviteeSealed } from "@relais/contracts";
import { queueMessage } from "../db/messages.js";
import { formatDate } from "../domain/format.js";
import type { ConsumerDeps, EventOf, TxContext } from "./context.js";

export async function remindConferenceAction(
  ctx: TxContext & Pick<ConsumerDeps, "open">,
  event: EventOf<typeof ActionOverdue>,
): Promise<void> {
  const { data } = event;
  const { email } = InviteeSealed.parse(ctx.open.open(data.sealed, ActionOverdue.type));
  const due = formatDate(data.dueDate, data.language);
  await queueMessage(ctx.tx, ctx.box, {
    orgId: event.orgId,
    personRef: null,
    channel: "email",
    template: "conference_action_overdue",
    language: data.language,
    discreet: false,
    payload: { to: email, params: { conference: data.conferenceTitle, due } },
    now: ctx.clock.now(),
  });
}
