// Puts a referral on the agenda: a referral the service knows (from referrals.referral.received)
// of the organiser's own organisation, with a summary and a question written for the partners.
import { newId } from "@relais/contracts";
import { audit, Invalid } from "@relais/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { agendaItems, itemAudience, referralIndex } from "../db/schema.js";
import { checkAudience } from "../db/store.js";
import type { ItemInput } from "../domain/input.js";
import { writeOnOpenConference } from "./conference-verb.js";
import type { Ctx } from "./deps.js";

export async function addItem(ctx: Ctx, { conferenceId, input }: { conferenceId: string; input: ItemInput }) {
  const { principal } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeOnOpenConference(ctx, conferenceId, async (tx, _conference) => {
    const [referral] = await tx
      .select()
      .from(referralIndex)
      .where(and(eq(referralIndex.referralId, input.referralId), eq(referralIndex.orgId, principal.org)))
      .limit(1);
    if (!referral)
      throw new Invalid("No referral of your organisation has this id", [
        { path: "referralId", code: "unknown_reference", message: "Unknown referral" },
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
    await audit(tx, ctx, "agenda_item.create", { type: "agenda_item", id });
    return { id, conferenceId };
  });
}
