// Every read of a conference writes an audit row in the organising organisation's trail (a
// partner's under `<their org>/<their sub>`), in the transaction that reads.
import type { AuditAction, AuditRecordType } from "@relais/contracts";
import type { Tx } from "@relais/db";
import { type Principal, recordAudit } from "@relais/service-kit";

/** The principal an audit row is written under: the organising organisation's trail. */
function auditPrincipal(principal: Principal, orgId: string): Principal {
  if (principal.org === orgId) return principal;
  return { ...principal, org: orgId, sub: `${principal.org}/${principal.sub}` };
}

export async function auditRead(
  tx: Tx,
  reader: { principal: Principal; requestId?: string },
  orgId: string,
  action: AuditAction,
  record: { type: AuditRecordType; id: string },
) {
  await recordAudit(tx, {
    principal: auditPrincipal(reader.principal, orgId),
    action,
    recordType: record.type,
    recordId: record.id,
    requestId: reader.requestId,
  });
}
