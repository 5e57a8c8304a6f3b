// Replaces a person's safe-contact preferences (channels, safe windows, discretion), for someone
// who may reach the contact; the change is audited.
import type { ContactPreferences } from "@relais/contracts";
import { audit, writeVerb } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { contacts } from "../db/schema.js";
import type { Contact } from "../domain/contact.js";
import type { RequestContext } from "./context.js";
import { reachContact } from "./reach-contact.js";

export async function updateContactPreferences(
  ctx: RequestContext,
  input: { personRef: string; teams: string[]; preferences: ContactPreferences },
): Promise<Contact> {
  const { principal } = ctx;
  await reachContact(ctx, input);
  const at = ctx.clock.now().toISOString();
  await writeVerb(ctx, async (tx) => {
    await tx
      .update(contacts)
      .set({ preferences: input.preferences, updatedAt: at })
      .where(and(eq(contacts.personRef, input.personRef), eq(contacts.orgId, principal.org)));
    await audit(tx, { principal: principal, requestId: ctx.requestId }, "contact.preferences.update", {
      type: "contact",
      id: input.personRef,
    });
  });
  return reachContact(ctx, input);
}
