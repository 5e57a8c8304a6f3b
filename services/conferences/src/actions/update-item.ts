// Changes an agenda item: its texts, risk level, position or who sees it.
import { audit, Invalid, writeOnRecord } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { agendaItems, itemAudience } from "../db/schema.js";
import { agendaItemOf, audienceOf, checkAudience, organisedConference } from "../db/store.js";
import type { ItemPatch } from "../domain/input.js";
import type { Ctx } from "./deps.js";

export async function updateItem(
  ctx: Ctx,
  { conferenceId, itemId, patch }: { conferenceId: string; itemId: string; patch: ItemPatch },
) {
  const { principal } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeOnRecord(
    ctx,
    (tx) => organisedConference(tx, principal, conferenceId),
    async (tx) => {
      const item = await agendaItemOf(tx, conferenceId, itemId);
      const confidential = patch.confidential ?? item.confidential;
      const audience = patch.audience ?? (await audienceOf(tx, itemId));
      if (confidential && audience.length === 0)
        throw new Invalid("A confidential item needs at least one invitee", [
          {
            path: "audience",
            code: "audience_required",
            message: "A confidential item needs at least one invitee",
          },
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
      await audit(tx, ctx, "agenda_item.update", { type: "agenda_item", id: itemId });
      return { id: itemId, conferenceId };
    },
  );
}
