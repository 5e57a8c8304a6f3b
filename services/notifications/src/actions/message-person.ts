// A message to a participant, on the first channel their preferences allow. Without a contact yet
// (it comes with `referrals.referral.received`, on another stream that may lag behind), the message
// is held until the contact arrives (`release-held.ts`) or the wait runs out; never for a person
// whose referral already said not to contact them.
import type { Language } from "@relais/contracts";
import { queueMessage } from "../db/messages.js";
import { isPurged } from "../db/purged-persons.js";
import { uncontactableReason } from "../db/uncontactable-persons.js";
import { type Contact, reachOf } from "../domain/contact.js";
import type { PersonTemplate, TemplateParams } from "../domain/templates.js";
import type { TxContext } from "./context.js";

export async function messagePerson(
  ctx: Pick<TxContext, "tx" | "box" | "settings">,
  input: {
    orgId: string;
    /**
     * Whom and which group it is about (a held message's release is decided per group), and the
     * language to write in when there is no contact yet: an enrolment event's data fits as it is.
     */
    about: { personRef: string; groupId: string; language: Language };
    contact: Contact | null;
    template: PersonTemplate;
    params: TemplateParams;
    /** Only e-mail can carry it; an SMS goes without. */
    ics?: { method: "REQUEST" | "CANCEL"; content: string };
    /** The held row this message releases. */
    replaces?: string;
    now: Date;
  },
): Promise<void> {
  const { contact } = input;
  const { personRef, groupId } = input.about;
  // A purged person is not held for (their contact will never come) nor written about again.
  if (!contact && (await isPurged(ctx.tx, personRef))) return;
  // Nor is a person whose referral says not to contact them: their contact will never come either.
  const refused = contact ? undefined : await uncontactableReason(ctx.tx, input.orgId, personRef);
  const reach = reachOf(contact);
  const { channel, to, discreet } = reach;
  const suppressed = reach.suppressed ?? refused;
  const held = !contact && !refused;
  const language = contact?.language ?? input.about.language;
  const params = { ...input.params, name: discreet ? "" : (contact?.displayName ?? "") };
  await queueMessage(ctx.tx, ctx.box, {
    orgId: input.orgId,
    personRef,
    channel: channel ?? "email",
    template: input.template,
    language,
    discreet,
    payload: {
      to,
      params,
      ...(channel === "email" && input.ics ? { ics: input.ics } : {}),
      ...(channel === "sms" ? { safeWindow: { personRef } } : {}),
      ...(held ? { heldFor: { groupId } } : {}),
    },
    suppressed,
    holdUntil: held ? new Date(input.now.getTime() + ctx.settings.contactWaitMs) : undefined,
    replaces: input.replaces,
    now: input.now,
  });
}
