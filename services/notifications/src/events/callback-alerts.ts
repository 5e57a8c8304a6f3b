// Call-back due and overdue: an alert to the team's shared address, in the staff language.
import type { ConsumerDefinition } from "@relais/bus";
import { CallbackDue, CallbackOverdue, DEFAULT_TIME_ZONE } from "@relais/contracts";
import { rememberTask } from "../contacts/team-tasks.js";
import { queueMessage } from "../delivery/queue.js";
import { formatWhen } from "../domain/format.js";
import type { NotifyDeps } from "../settings.js";

export function callbackAlertConsumers(deps: NotifyDeps): ConsumerDefinition[] {
  return [
    { definition: CallbackDue, template: "callback_due" as const, durable: "notifications-callback-due" },
    {
      definition: CallbackOverdue,
      template: "callback_overdue" as const,
      durable: "notifications-callback-overdue",
    },
  ].map(({ definition, template, durable }) => ({
    stream: "REFERRALS" as const,
    durable,
    filterSubject: definition.subject,
    events: [definition],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } =
        definition === CallbackDue
          ? CallbackDue.envelope.parse(envelope)
          : CallbackOverdue.envelope.parse(envelope);
      // The team holds this person's task: it may reach their contact (routes/contacts.ts).
      await rememberTask(tx, { ...data, orgId, at: occurredAt });
      const language = deps.settings.staffLanguage;
      await queueMessage(tx, deps.box, {
        orgId,
        personRef: null,
        channel: "email",
        template,
        language,
        discreet: false,
        payload: {
          to: data.teamEmail ?? null,
          params: {
            team: data.team,
            risk: data.riskLevel,
            due: formatWhen(data.dueAt, DEFAULT_TIME_ZONE, language),
            reference: data.taskId,
          },
        },
        suppressed: data.teamEmail ? undefined : "team_has_no_address",
        now: deps.clock.now(),
      });
    },
  }));
}
