import type { ContactDetails, Language, ContactPreferences as Preferences } from "@relais/contracts";
import { loadContact, saveContact } from "../db/contacts.js";
import { type Contact, carriesContact, preferencesFor } from "../domain/contact.js";
import type { TxContext } from "./context.js";

/**
 * Enrolment events may carry contact details (direct enrolments). They create the person's contact
 * in the enrolment's organisation when it has none, and refresh it when this same enrolment
 * created it. A contact created by a referral, or by another enrolment, is never overwritten nor
 * redirected: the details are ignored (logged, without them) and the existing contact is used.
 * Another organisation's contact of the person is never read here: the lookup is by organisation.
 */
export async function rememberEnrolmentContact(
  ctx: Pick<TxContext, "tx" | "box" | "logger">,
  input: {
    orgId: string;
    enrolmentId: string;
    personRef: string;
    language: Language;
    timeZone: string;
    displayName?: string;
    contact?: ContactDetails;
    preferences?: Preferences;
    at: string;
  },
): Promise<Contact | null> {
  const existing = await loadContact(ctx.tx, ctx.box, input.orgId, input.personRef);
  if (!carriesContact(input.contact)) return existing;
  const ours = existing?.source === "enrolment" && existing.sourceId === input.enrolmentId;
  if (existing && !ours) {
    ctx.logger?.info(
      {
        personRef: input.personRef,
        enrolmentId: input.enrolmentId,
        keptSource: existing.source,
        keptSourceId: existing.sourceId,
      },
      "contact details of a direct enrolment ignored: the person already has a contact in this organisation",
    );
    return existing;
  }
  return saveContact(
    ctx.tx,
    ctx.box,
    {
      personRef: input.personRef,
      orgId: input.orgId,
      role: existing?.role ?? "participant",
      source: "enrolment",
      sourceId: input.enrolmentId,
      language: input.language,
      timeZone: existing?.timeZone ?? input.timeZone,
      email: input.contact.email,
      phone: input.contact.phone,
      displayName: input.displayName ?? existing?.displayName,
      preferences: preferencesFor(input.contact, input.preferences ?? existing?.preferences),
    },
    input.at,
  );
}
