import type { ContactDetails, Language, ContactPreferences as Preferences } from "@relais/contracts";
import { loadContact, saveContact } from "../db/contacts.js";
import type { Contact } from "../domain/contact.js";
import type { TxContext } from "./context.js";

/**
 * A referral's person: the referral minted the reference, so its contact is the person's contact in
 * that organisation. It replaces one a direct enrolment wrote for the same reference (someone
 * enrolled the reference before the referral arrived: the referral is the authority), never one
 * of another referral. Returns the organisation's contact of the person as it now is.
 */
export async function rememberReferralContact(
  ctx: Pick<TxContext, "tx" | "box" | "logger">,
  input: {
    orgId: string;
    referralId: string;
    personRef: string;
    role: string;
    language: Language;
    timeZone: string;
    displayName?: string;
    contact: ContactDetails;
    preferences: Preferences;
    at: string;
  },
): Promise<Contact> {
  const existing = await loadContact(ctx.tx, ctx.box, input.orgId, input.personRef);
  if (existing?.source === "referral" && existing.sourceId !== input.referralId) return existing;
  return saveContact(
    ctx.tx,
    ctx.box,
    {
      personRef: input.personRef,
      orgId: input.orgId,
      role: input.role,
      source: "referral",
      sourceId: input.referralId,
      language: input.language,
      timeZone: input.timeZone,
      email: input.contact.email,
      phone: input.contact.phone,
      displayName: input.displayName,
      preferences: input.preferences,
    },
    input.at,
  );
}
