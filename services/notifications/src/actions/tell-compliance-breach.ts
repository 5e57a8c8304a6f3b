// A compliance step reached: the mandating authority is told, programme staff copied.
import type { ComplianceBreached } from "@relais/contracts";
import { queueMessage } from "../db/messages.js";
import { loadSeries } from "../db/series.js";
import type { EventOf, TxContext } from "./context.js";

export async function tellComplianceBreach(
  ctx: TxContext,
  event: EventOf<typeof ComplianceBreached>,
): Promise<void> {
  const { data, orgId } = event;
  const series = await loadSeries(ctx.tx, data.groupId);
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
    await queueMessage(ctx.tx, ctx.box, {
      orgId,
      personRef: null,
      channel: "email",
      template: "compliance_breached",
      language: data.language,
      discreet: false,
      payload: { to, params },
      now: ctx.clock.now(),
    });
  }
}
