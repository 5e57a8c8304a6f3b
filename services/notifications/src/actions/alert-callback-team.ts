// Call-back due, overdue and escalated (a criticality assessment raised its risk): an alert to the
// team's shared address, in the staff language. The team holds this person's task, so it may reach
// their contact (`reach-contact.ts`).
import {
  type CallbackDue,
  type CallbackEscalated,
  type CallbackOverdue,
  DEFAULT_TIME_ZONE,
} from "@relais/contracts";
import { rememberTask } from "@relais/service-kit";
import { queueMessage } from "../db/messages.js";
import { formatWhen } from "../domain/format.js";
import type { EventOf, TxContext } from "./context.js";

export async function alertCallbackTeam(
  ctx: TxContext,
  input: {
    event: EventOf<typeof CallbackDue> | EventOf<typeof CallbackOverdue> | EventOf<typeof CallbackEscalated>;
    template: "callback_due" | "callback_overdue" | "callback_escalated";
  },
): Promise<void> {
  const { data, orgId, occurredAt } = input.event;
  await rememberTask(ctx.tx, { ...data, orgId, at: occurredAt });
  const language = ctx.settings.staffLanguage;
  await queueMessage(ctx.tx, ctx.box, {
    orgId,
    personRef: null,
    channel: "email",
    template: input.template,
    language,
    discreet: false,
    payload: {
      to: data.teamEmail ?? null,
      params: {
        team: data.team,
        risk: data.riskLevel,
        // An escalation asks for a call by the re-planned deadline; the others name the due time.
        due: formatWhen("reason" in data ? data.slaDeadline : data.dueAt, DEFAULT_TIME_ZONE, language),
        reference: data.taskId,
      },
    },
    suppressed: data.teamEmail ? undefined : "team_has_no_address",
    now: ctx.clock.now(),
  });
}
