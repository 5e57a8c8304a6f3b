// A partner's items and actions across the conferences they are invited to; every item read is
// audited in the organising organisation's trail.
import { conferencesFor } from "../db/conference-pages.js";
import { auditRead } from "../db/read-audit.js";
import { type ActionRecord, agendaOf, type ConferenceRow, type ItemRecord, inviteesOf } from "../db/store.js";
import { viewerOf, visibleItems } from "../domain/access.js";
import type { ReadContext } from "./deps.js";

export async function readMine(ctx: ReadContext) {
  return ctx.database.write(async (tx) => {
    const { page } = await conferencesFor(
      tx,
      {
        ...ctx,
        principal: { ...ctx.principal, roles: ctx.principal.roles.filter((r) => r !== "coordinator") },
      },
      undefined,
      200,
    );
    const agenda = await agendaOf(
      tx,
      ctx.box,
      page.map((c) => c.id),
    );
    const items: Array<{ conference: ConferenceRow; item: ItemRecord; ownedActions: ActionRecord[] }> = [];
    for (const conference of page) {
      const viewer = viewerOf(ctx.principal, ctx.zone, conference, await inviteesOf(tx, conference.id));
      if (viewer?.kind !== "invitee") continue;
      for (const item of visibleItems(
        viewer,
        agenda.filter((i) => i.conferenceId === conference.id),
      )) {
        const ownedActions = item.decisions
          .flatMap((d) => d.actions)
          .filter((a) => viewer.inviteeIds.has(a.ownerInviteeId));
        items.push({ conference, item, ownedActions });
        await auditRead(tx, ctx, conference.orgId, "agenda_item.read", { type: "agenda_item", id: item.id });
      }
    }
    return items;
  });
}
