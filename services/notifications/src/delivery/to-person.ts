// A message to a participant, on the first channel their preferences allow.
import type { Language } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { allowedChannels, type Contact } from "../contacts/contact-book.js";
import type { SealedBox } from "../domain/sealed-box.js";
import type { PersonTemplate, TemplateParams } from "../domain/templates.js";
import { queueMessage } from "./queue.js";

export async function messagePerson(
  tx: Executor,
  box: SealedBox,
  input: {
    orgId: string;
    personRef: string;
    contact: Contact | null;
    fallbackLanguage: Language;
    template: PersonTemplate;
    params: TemplateParams;
    /** Only e-mail can carry it; an SMS goes without. */
    ics?: { method: "REQUEST" | "CANCEL"; content: string };
    now: Date;
  },
): Promise<void> {
  const { contact } = input;
  const channel = contact ? allowedChannels(contact)[0] : undefined;
  const language = contact?.language ?? input.fallbackLanguage;
  const discreet = contact?.preferences.discreet ?? true;
  const params = { ...input.params, name: discreet ? "" : (contact?.displayName ?? "") };
  const suppressed = !contact
    ? "no_contact"
    : contact.preferences.doNotContact
      ? "do_not_contact"
      : !channel
        ? "no_allowed_channel"
        : undefined;
  const to = channel === "email" ? contact?.email : channel === "sms" ? contact?.phone : undefined;
  await queueMessage(tx, box, {
    orgId: input.orgId,
    personRef: input.personRef,
    channel: channel ?? "email",
    template: input.template,
    language,
    discreet,
    payload: {
      to: to ?? null,
      params,
      ...(channel === "email" && input.ics ? { ics: input.ics } : {}),
      ...(channel === "sms" ? { safeWindow: { personRef: input.personRef } } : {}),
    },
    suppressed,
    now: input.now,
  });
}
