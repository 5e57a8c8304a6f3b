// What a caller may read: the organiser everything of their organisation's conferences, an invited
// partner the conferences they are invited to and, of those, only the items open to them. Every
// read writes an audit row in the organising organisation's trail (a partner's under
// `<their org>/<their sub>`), in the transaction that reads.
import type { Executor, Tx } from "@relais/db";
import { decodeCursor, encodeCursor, type Principal, recordAudit } from "@relais/service-kit";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { conferences, invitees, referralIndex } from "../db/schema.js";
import {
  type ActionRecord,
  agendaOf,
  type ConferenceRow,
  type InviteeRow,
  type ItemRecord,
  inviteesOf,
  visibleConference,
} from "../db/store.js";
import { canSeeItem, isInvitee, type Viewer, viewerOf } from "../domain/access.js";
import type { Ctx, ReadContext } from "./deps.js";

export interface ConferenceRead {
  conference: ConferenceRow;
  invitees: InviteeRow[];
  items: ItemRecord[];
  viewer: Viewer;
}

/** The principal an audit row is written under: the organising organisation's trail. */
function auditPrincipal(principal: Principal, orgId: string): Principal {
  if (principal.org === orgId) return principal;
  return { ...principal, org: orgId, sub: `${principal.org}/${principal.sub}` };
}

async function audit(
  tx: Tx,
  ctx: ReadContext,
  orgId: string,
  action: string,
  recordType: string,
  recordId: string,
) {
  await recordAudit(tx, {
    principal: auditPrincipal(ctx.principal, orgId),
    action,
    recordType,
    recordId,
    requestId: ctx.requestId,
  });
}

export function visibleItems(viewer: Viewer, items: ItemRecord[]): ItemRecord[] {
  return items.filter((item) => canSeeItem(viewer, item, item.audience));
}

/** `action` names the read in the audit trail (`conference.minutes` for the minutes). */
export async function readConference(
  ctx: ReadContext,
  { id, action = "conference.read" }: { id: string; action?: string },
): Promise<ConferenceRead> {
  return ctx.database.write(async (tx) => {
    const { conference, invitees: list, viewer } = await visibleConference(tx, ctx.principal, ctx.zone, id);
    const items = visibleItems(viewer, await agendaOf(tx, ctx.box, [id]));
    await audit(tx, ctx, conference.orgId, action, "conference", id);
    return { conference, invitees: list, items, viewer };
  });
}

/** Opaque to clients like every cursor: a forged or foreign one is a 400 naming `cursor`. */
const ConferenceCursor = z.object({ id: z.string().min(1).max(64) });

/** Conferences of the caller's organisation (coordinators) or those the caller is invited to. */
async function conferencesFor(db: Executor, ctx: ReadContext, cursor?: string, limit = 50) {
  const { principal } = ctx;
  const after = decodeCursor(cursor, ConferenceCursor);
  const before = after ? lt(conferences.id, after.id) : undefined;
  const organised = principal.roles.includes("coordinator")
    ? await db
        .select()
        .from(conferences)
        .where(and(eq(conferences.orgId, principal.org), before))
        .orderBy(desc(conferences.id))
        .limit(limit + 1)
    : [];
  const invitedRows = principal.roles.some((r) => r === "partner" || r === "police")
    ? await db
        .select({ conferenceId: invitees.conferenceId, invitee: invitees })
        .from(invitees)
        .where(and(eq(invitees.organisation, principal.org), eq(invitees.status, "invited")))
    : [];
  const invitedIds = [
    ...new Set(
      invitedRows.filter((r) => isInvitee(principal, ctx.zone, r.invitee)).map((r) => r.conferenceId),
    ),
  ];
  const invited =
    invitedIds.length > 0
      ? await db
          .select()
          .from(conferences)
          .where(and(inArray(conferences.id, invitedIds), before))
          .orderBy(desc(conferences.id))
          .limit(limit + 1)
      : [];
  const all = [...new Map([...organised, ...invited].map((c) => [c.id, c])).values()].sort((a, b) =>
    a.id < b.id ? 1 : -1,
  );
  const page = all.slice(0, limit);
  return { page, nextCursor: all.length > limit ? encodeCursor({ id: page.at(-1)!.id }) : null };
}

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
      await audit(tx, ctx, conference.orgId, "conference.list", "conference", conference.id);
    }
    return { items: summaries, nextCursor };
  });
}

/** A partner's items and actions across the conferences they are invited to. */
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
        await audit(tx, ctx, conference.orgId, "agenda_item.read", "agenda_item", item.id);
      }
    }
    return items;
  });
}

/** The referrals the organisation may put on an agenda, newest first. */
export async function listKnownReferrals(ctx: Ctx, { limit }: { limit: number }) {
  return ctx.database.db
    .select()
    .from(referralIndex)
    .where(eq(referralIndex.orgId, ctx.principal.org))
    .orderBy(desc(referralIndex.receivedAt))
    .limit(limit);
}
