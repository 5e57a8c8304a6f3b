// Referred persons this service may not contact, by organisation. The referral is the authority
// over a reference it minted: when it says "not by us", a direct enrolment's typed details must
// not give the person a contact, whichever of the two events arrives first.
import { type Executor, rowByParams } from "@relais/db";
import { and, eq } from "drizzle-orm";
import { contacts, uncontactablePersons } from "./schema.js";

export type UncontactableReason = "do_not_contact" | "no_contact";

/** Records the referral's word and drops a contact a direct enrolment typed in before it came. */
export async function rememberUncontactable(
  tx: Executor,
  input: { orgId: string; personRef: string; reason: UncontactableReason; at: string },
): Promise<{ droppedTypedContact: boolean }> {
  const { orgId, personRef, reason, at } = input;
  await tx
    .insert(uncontactablePersons)
    .values({ orgId, personRef, reason, since: at })
    .onConflictDoUpdate({
      target: [uncontactablePersons.orgId, uncontactablePersons.personRef],
      set: { reason },
    });
  const dropped = await tx
    .delete(contacts)
    .where(
      and(eq(contacts.orgId, orgId), eq(contacts.personRef, personRef), eq(contacts.source, "enrolment")),
    )
    .returning({ personRef: contacts.personRef });
  return { droppedTypedContact: dropped.length > 0 };
}

/** Why the person's referral says not to contact them in this organisation; undefined if it does not. */
export async function uncontactableReason(
  db: Executor,
  orgId: string,
  personRef: string,
): Promise<UncontactableReason | undefined> {
  // Every message without a contact, and every enrolment with typed details, asks this: its SQL
  // is built once.
  const row = await rowByParams(db, "notifications.uncontactableReason", uncontactablePersons, {
    orgId,
    personRef,
  });
  return row?.reason;
}
