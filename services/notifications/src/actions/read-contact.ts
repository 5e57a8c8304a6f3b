// A person's contact for someone who may reach it (`reach-contact.ts`); every read is audited.
import { audit, writeVerb } from "@relais/service-kit";
import type { Contact } from "../domain/contact.js";
import type { RequestContext } from "./context.js";
import { reachContact } from "./reach-contact.js";

export async function readContact(
  ctx: RequestContext,
  input: { personRef: string; teams: string[] },
): Promise<Contact> {
  const contact = await reachContact(ctx, input);
  await writeVerb(ctx, (tx) => audit(tx, ctx, "contact.read", { type: "contact", id: input.personRef }));
  return contact;
}
