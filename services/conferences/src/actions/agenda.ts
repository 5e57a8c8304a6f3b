// The agenda: each item refers to a referral the service knows (from referrals.referral.received)
// of the organiser's own organisation, with a summary and a question written for the partners.
import { newId } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { Conflict, Invalid, NotFound, recordAudit, type VerbContext, writeVerb } from "@relais/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { agendaItems, itemAudience, referralIndex } from "../db/schema.js";
import { inviteesOf, organisedConference } from "../db/store.js";
import type { ItemInput, ItemPatch } from "../domain/input.js";
import type { Deps } from "./deps.js";

async function checkAudience(tx: Executor, conferenceId: string, audience: readonly string[]) {
  const invited = new Set(
    (await inviteesOf(tx, conferenceId)).filter((i) => i.status === "invited").map((i) => i.id),
  );
  audience.forEach((id, index) => {
    if (!invited.has(id))
      throw new Invalid("The audience names someone not invited", [
        { path: `audience.${index}`, message: "Not an invitee of this conference" },
      ]);
  });
}

export async function addItem(ctx: VerbContext<Deps>, conferenceId: string, input: ItemInput) {
  const { principal, requestId } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx, authorised) => {
    const conference = await organisedConference(tx, principal, conferenceId);
    await authorised();
    if (conference.status === "cancelled") throw new Conflict("The conference is cancelled");
    const [referral] = await tx
      .select()
      .from(referralIndex)
      .where(and(eq(referralIndex.referralId, input.referralId), eq(referralIndex.orgId, principal.org)))
      .limit(1);
    if (!referral)
      throw new Invalid("No referral of your organisation has this id", [
        { path: "referralId", message: "Unknown referral" },
      ]);
    if (input.confidential) await checkAudience(tx, conferenceId, input.audience);
    const [{ last } = { last: 0 }] = await tx
      .select({ last: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
      .from(agendaItems)
      .where(eq(agendaItems.conferenceId, conferenceId));
    const id = newId();
    await tx.insert(agendaItems).values({
      id,
      conferenceId,
      referralId: input.referralId,
      position: Number(last) + 1,
      summarySealed: ctx.box.seal(input.summary),
      questionSealed: ctx.box.seal(input.question),
      riskLevel: input.riskLevel ?? referral.riskLevel,
      confidential: input.confidential,
      createdAt: at,
      updatedAt: at,
    });
    if (input.confidential)
      await tx
        .insert(itemAudience)
        .values([...new Set(input.audience)].map((inviteeId) => ({ itemId: id, inviteeId })));
    await recordAudit(tx, {
      principal,
      action: "agenda_item.create",
      recordType: "agenda_item",
      recordId: id,
      requestId,
    });
    return { id, conferenceId };
  });
}

export async function updateItem(
  ctx: VerbContext<Deps>,
  conferenceId: string,
  itemId: string,
  patch: ItemPatch,
) {
  const { principal, requestId } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx, authorised) => {
    await organisedConference(tx, principal, conferenceId);
    await authorised();
    const [item] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.conferenceId, conferenceId)))
      .limit(1);
    if (!item) throw new NotFound("No such agenda item");
    const confidential = patch.confidential ?? item.confidential;
    const audience =
      patch.audience ??
      (await tx.select().from(itemAudience).where(eq(itemAudience.itemId, itemId))).map((a) => a.inviteeId);
    if (confidential && audience.length === 0)
      throw new Invalid("A confidential item needs at least one invitee", [
        { path: "audience", message: "A confidential item needs at least one invitee" },
      ]);
    if (confidential) await checkAudience(tx, conferenceId, audience);
    await tx
      .update(agendaItems)
      .set({
        ...(patch.summary !== undefined ? { summarySealed: ctx.box.seal(patch.summary) } : {}),
        ...(patch.question !== undefined ? { questionSealed: ctx.box.seal(patch.question) } : {}),
        ...(patch.riskLevel !== undefined ? { riskLevel: patch.riskLevel } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        confidential,
        updatedAt: at,
      })
      .where(eq(agendaItems.id, itemId));
    await tx.delete(itemAudience).where(eq(itemAudience.itemId, itemId));
    if (confidential)
      await tx
        .insert(itemAudience)
        .values([...new Set(audience)].map((inviteeId) => ({ itemId, inviteeId })));
    await recordAudit(tx, {
      principal,
      action: "agenda_item.update",
      recordType: "agenda_item",
      recordId: itemId,
      requestId,
    });
    return { id: itemId, conferenceId };
  });
}
