import { defineConsumer } from "@relais/bus";
import { ComplianceBreached } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { tellComplianceBreach } from "../actions/tell-compliance-breach.js";

export function complianceBreachedConsumer(deps: NotifyDeps) {
  return defineConsumer({
    stream: "GROUPS",
    durable: "notifications-compliance-breached",
    filterSubject: ComplianceBreached.subject,
    events: [ComplianceBreached],
    async handle(tx, event) {
      await tellComplianceBreach({ ...deps, tx }, event);
    },
  });
}
