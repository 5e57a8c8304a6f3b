// A compliance step reached: the mandating authority is told, programme staff copied.
import type { ConsumerDefinition } from "@relais/bus";
import { ComplianceBreached } from "@relais/contracts";
import { loadSeries } from "../calendar/series-store.js";
import { queueMessage } from "../delivery/queue.js";
import type { NotifyDeps } from "../settings.js";

export function complianceBreachedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-compliance-breached",
    filterSubject: ComplianceBreached.subject,
    events: [ComplianceBreached],
    async handle(tx, envelope) {
      const { data, orgId } = ComplianceBreached.envelope.parse(envelope);
      const series = await loadSeries(tx, data.groupId);
      const params = {
        authority: data.mandate.authority,
        caseReference: data.mandate.caseReference,
        step: data.step.kind,
        absences: String(data.unexcusedAbsences),
        groupName: series?.publicName ?? data.groupId,
      };
      const recipients = [
        data.mandate.contactEmail,
        ...data.facilitators.flatMap((f) => (f.email ? [f.email] : [])),
      ];
      for (const to of new Set(recipients)) {
        await queueMessage(tx, deps.box, {
          orgId,
          personRef: null,
          channel: "email",
          template: "compliance_breached",
          language: data.language,
          discreet: false,
          payload: { to, params },
          now: deps.clock.now(),
        });
      }
    },
  };
}
