// One conference as the caller may read it: the organiser everything, an invited partner only the
// items open to them. The read is audited in the transaction that reads.
import type { AuditAction } from "@relais/contracts";
import { auditRead } from "../db/read-audit.js";
import {
  agendaOf,
  type ConferenceRow,
  type InviteeRow,
  type ItemRecord,
  visibleConference,
} from "../db/store.js";
import { type Viewer, visibleItems } from "../domain/access.js";
import type { ReadContext } from "./deps.js";

export interface ConferenceRead {
  conference: ConferenceRow;
  invitees: InviteeRow[];
  items: ItemRecord[];
  viewer: Viewer;
}

/** `action` names the read in the audit trail (`conference.minutes` for the minutes). */
export async function readConference(
  ctx: ReadContext,
  { id, action = "conference.read" }: { id: string; action?: AuditAction },
): Promise<ConferenceRead> {
  return ctx.database.write(async (tx) => {
    const { conference, invitees: list, viewer } = await visibleConference(tx, ctx.principal, ctx.zone, id);
    const items = visibleItems(viewer, await agendaOf(tx, ctx.box, [id]));
    await auditRead(tx, ctx, conference.orgId, action, { type: "conference", id });
    return { conference, invitees: list, items, viewer };
  });
}
