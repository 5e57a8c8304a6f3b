import type { ContactDetails, Language, ContactPreferences as Preferences } from "@relais/contracts";
import { loadContact, saveContact } from "../db/contacts.js";
import { uncontactableReason } from "../db/uncontactable-persons.js";
import { type Contact, carriesContact, preferencesFor } from "../domain/contact.js";
import type { TxContext } from "./context.js";

/**
 * Enrolment events may carry contact details (direct enrolments). They create the person's contact
 * in the enrolment's organisation when it has none, and refresh it when this same enrolment
 * created it. A contact created by a referral, or by another enrolment, is never overwritten nor
 * redirected: the details are ignored (logged, without them) and the existing contact is used.
 * Nor are they used for a referred person whose referral says not to contact them.
 * Another organisation's contact of the person is never read here: the lookup is by organisation.
 */
export async function rememberEnrolmentContact(
  ctx: Pick<TxContext, "tx" | "box" | "logger">,
  input: {
    /** The enrolment event: its organisation, time, enrolment, person and language. */
    event: {
      orgId: string;
      occurredAt: string;
      data: { enrolmentId: string; personRef: string; language: Language };
    };
    /** What the event carried sealed: name, contact details, preferences. */
    person: { displayName?: string; contact?: ContactDetails; preferences?: Preferences };
    /** The zone a new contact gets (the group's, or the default). */
    timeZone: string;
  },
): Promise<Contact | null> {
  const { orgId, occurredAt: at } = input.event;
  const { enrolmentId, personRef, language } = input.event.data;
  const { displayName, contact, preferences } = input.person;
  const existing = await loadContact(ctx.tx, ctx.box, orgId, personRef);
  if (!carriesContact(contact)) return existing;
  if ((await uncontactableReason(ctx.tx, orgId, personRef)) !== undefined) {
    ctx.logger?.info(
      { personRef, enrolmentId },
      "contact details of a direct enrolment ignored: the person's referral says not to contact",
    );
    return existing;
  }
  const ours = existing?.source === "enrolment" && existing.sourceId === enrolmentId;
  if (existing && !ours) {
    ctx.logger?.info(
      {
        personRef,
        enrolmentId,
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
      personRef,
      orgId,
      role: existing?.role ?? "participant",
      source: "enrolment",
      sourceId: enrolmentId,
      language,
      timeZone: existing?.timeZone ?? input.timeZone,
      email: contact.email,
      phone: contact.phone,
      displayName: displayName ?? existing?.displayName,
      preferences: preferencesFor(contact, preferences ?? existing?.preferences),
    },
    at,
  );
}
