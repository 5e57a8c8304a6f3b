// Reading a conference and everything on it, with the sealed texts opened: the one place rows
// become records, so no route or verb reads a sealed column itself.
import { type Executor, rowByParams } from "@relais/db";
import { Invalid, NotFound, type Principal, type SealedBox } from "@relais/service-kit";
import { asc, eq, inArray } from "drizzle-orm";
import { type Viewer, viewerOf } from "../domain/access.js";
import { actions, agendaItems, conferences, decisions, invitees, itemAudience } from "./schema.js";

export type ConferenceRow = typeof conferences.$inferSelect;
export type InviteeRow = typeof invitees.$inferSelect;

export interface ActionRecord {
  id: string;
  decisionId: string;
  itemId: string;
  conferenceId: string;
  ownerInviteeId: string;
  description: string;
  dueDate: string;
  overdueAt: string;
  status: "open" | "done" | "cancelled";
}

export interface DecisionRecord {
  id: string;
  itemId: string;
  text: string;
  createdAt: string;
  actions: ActionRecord[];
}

export interface ItemRecord {
  id: string;
  conferenceId: string;
  referralId: string;
  position: number;
  summary: string;
  question: string;
  riskLevel: "high" | "medium" | "low";
  confidential: boolean;
  audience: string[];
  decisions: DecisionRecord[];
}

export const CONFERENCE_NOT_FOUND = "No such conference";

export async function findConference(db: Executor, id: string): Promise<ConferenceRow | null> {
  const [row] = await db.select().from(conferences).where(eq(conferences.id, id)).limit(1);
  return row ?? null;
}

export async function inviteesOf(db: Executor, conferenceId: string): Promise<InviteeRow[]> {
  return db
    .select()
    .from(invitees)
    .where(eq(invitees.conferenceId, conferenceId))
    .orderBy(asc(invitees.addedAt));
}

/**
 * The conference and how the caller sees it; a conference of another organisation, or one the
 * caller is not invited to, is "not found" so that its existence is not disclosed.
 */
export async function visibleConference(
  db: Executor,
  principal: Principal,
  zone: string,
  id: string,
): Promise<{ conference: ConferenceRow; invitees: InviteeRow[]; viewer: Viewer }> {
  const conference = await findConference(db, id);
  if (!conference) throw new NotFound(CONFERENCE_NOT_FOUND);
  const list = await inviteesOf(db, id);
  const viewer = viewerOf(principal, zone, conference, list);
  if (!viewer) throw new NotFound(CONFERENCE_NOT_FOUND);
  return { conference, invitees: list, viewer };
}

/** Only the organising organisation's coordinators. */
export async function organisedConference(db: Executor, principal: Principal, id: string) {
  const conference = await findConference(db, id);
  if (!conference || conference.orgId !== principal.org || !principal.roles.includes("coordinator"))
    throw new NotFound(CONFERENCE_NOT_FOUND);
  return conference;
}

export function toAction(box: SealedBox, row: typeof actions.$inferSelect): ActionRecord {
  return {
    id: row.id,
    decisionId: row.decisionId,
    itemId: row.itemId,
    conferenceId: row.conferenceId,
    ownerInviteeId: row.ownerInviteeId,
    description: box.open(row.descriptionSealed),
    dueDate: row.dueDate,
    overdueAt: row.overdueAt,
    status: row.status,
  };
}

/** The agenda of some conferences, in order, with decisions and actions. */
export async function agendaOf(db: Executor, box: SealedBox, conferenceIds: string[]): Promise<ItemRecord[]> {
  if (conferenceIds.length === 0) return [];
  const items = await db
    .select()
    .from(agendaItems)
    .where(inArray(agendaItems.conferenceId, conferenceIds))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  if (items.length === 0) return [];
  const itemIds = items.map((i) => i.id);
  const [audience, decisionRows, actionRows] = await Promise.all([
    db.select().from(itemAudience).where(inArray(itemAudience.itemId, itemIds)),
    db.select().from(decisions).where(inArray(decisions.itemId, itemIds)).orderBy(asc(decisions.createdAt)),
    db.select().from(actions).where(inArray(actions.itemId, itemIds)).orderBy(asc(actions.createdAt)),
  ]);
  return items.map((item) => ({
    id: item.id,
    conferenceId: item.conferenceId,
    referralId: item.referralId,
    position: item.position,
    summary: box.open(item.summarySealed),
    question: box.open(item.questionSealed),
    riskLevel: item.riskLevel,
    confidential: item.confidential,
    audience: audience.filter((a) => a.itemId === item.id).map((a) => a.inviteeId),
    decisions: decisionRows
      .filter((d) => d.itemId === item.id)
      .map((d) => ({
        id: d.id,
        itemId: d.itemId,
        text: box.open(d.textSealed),
        createdAt: d.createdAt,
        actions: actionRows.filter((a) => a.decisionId === d.id).map((a) => toAction(box, a)),
      })),
  }));
}

export async function agendaItemOf(tx: Executor, conferenceId: string, itemId: string) {
  const item = await rowByParams(tx, "conferences.agendaItemOf", agendaItems, { id: itemId, conferenceId });
  if (!item) throw new NotFound("No such agenda item");
  return item;
}

/** The invitee ids a confidential item is shown to (empty for an item open to all). */
export async function audienceOf(db: Executor, itemId: string): Promise<string[]> {
  const rows = await db
    .select({ inviteeId: itemAudience.inviteeId })
    .from(itemAudience)
    .where(eq(itemAudience.itemId, itemId));
  return rows.map((row) => row.inviteeId);
}

/** Every id of an item's audience must be an invitee of the conference still invited. */
export async function checkAudience(tx: Executor, conferenceId: string, audience: readonly string[]) {
  const invited = new Set(
    (await inviteesOf(tx, conferenceId)).filter((i) => i.status === "invited").map((i) => i.id),
  );
  audience.forEach((id, index) => {
    if (!invited.has(id))
      throw new Invalid("The audience names someone not invited", [
        { path: `audience.${index}`, code: "not_invitee", message: "Not an invitee of this conference" },
      ]);
  });
}
