import { consumerOf } from "@relais/bus";
import { ComplianceBreached } from "@relais/contracts";
import type { NotifyDeps } from "../actions/context.js";
import { tellComplianceBreach } from "../actions/tell-compliance-breach.js";

export function complianceBreachedConsumer(deps: NotifyDeps) {
  return consumerOf(ComplianceBreached, "notifications-compliance-breached", async (tx, event) => {
    await tellComplianceBreach({ ...deps, tx }, event);
  });
}
