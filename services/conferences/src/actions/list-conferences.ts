// A page of the conferences the caller may see, each with the number of items open to them; every
// conference listed is audited.
import { conferencesFor } from "../db/conference-pages.js";
import { auditRead } from "../db/read-audit.js";
import { agendaOf, type ConferenceRow, inviteesOf } from "../db/store.js";
import { type Viewer, viewerOf, visibleItems } from "../domain/access.js";
import type { ReadContext } from "./deps.js";

export interface ConferenceSummary {
  conference: ConferenceRow;
  viewer: Viewer;
  itemCount: number;
}

export async function listConferences(ctx: ReadContext, query: { limit: number; cursor?: string }) {
  return ctx.database.write(async (tx) => {
    const { page, nextCursor } = await conferencesFor(tx, ctx, query.cursor, query.limit);
    const items = await agendaOf(
      tx,
      ctx.box,
      page.map((c) => c.id),
    );
    const summaries: ConferenceSummary[] = [];
    for (const conference of page) {
      const viewer = viewerOf(ctx.principal, ctx.zone, conference, await inviteesOf(tx, conference.id))!;
      const own = items.filter((i) => i.conferenceId === conference.id);
      summaries.push({ conference, viewer, itemCount: visibleItems(viewer, own).length });
      await auditRead(tx, ctx, conference.orgId, "conference.list", {
        type: "conference",
        id: conference.id,
      });
    }
    return { items: summaries, nextCursor };
  });
}
