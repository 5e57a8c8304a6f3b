// A person's contact as the rules see it (decrypted), and the rules on which channels reach them.
import {
  type ContactDetails,
  ContactPreferences,
  type Language,
  type ContactPreferences as Preferences,
} from "@relais/contracts";

export type ContactSource = "referral" | "enrolment";

export interface Contact {
  personRef: string;
  orgId: string;
  role: string;
  /** What created it: a referral or a direct enrolment, and its id. */
  source: ContactSource;
  sourceId: string;
  language: Language;
  timeZone: string;
  email?: string;
  phone?: string;
  displayName?: string;
  preferences: Preferences;
  updatedAt: string;
}

/**
 * People enrolled directly come with contact details but maybe no preferences: the channels they
 * gave are the ones they accept, and discretion stays on unless they said otherwise.
 */
export function preferencesFor(details: ContactDetails, given: Preferences | undefined): Preferences {
  if (given) return given;
  const channels: Preferences["channels"] = [];
  if (details.email) channels.push("email");
  if (details.phone) channels.push("sms");
  return ContactPreferences.parse({ channels });
}

/** The channels a message to this person may use, most preferred first. */
export function allowedChannels(contact: Contact): Array<"email" | "sms"> {
  if (contact.preferences.doNotContact) return [];
  const channels: Array<"email" | "sms"> = [];
  if (contact.email && contact.preferences.channels.includes("email")) channels.push("email");
  if (contact.phone && contact.preferences.channels.includes("sms")) channels.push("sms");
  return channels;
}

/** How a message reaches a person: the first allowed channel and its address, or why it cannot. */
export interface Reach {
  channel: "email" | "sms" | undefined;
  /** The address on that channel; null when there is none. */
  to: string | null;
  /** Whether the person asked for discreet messages (so without a contact yet: assume so). */
  discreet: boolean;
  /** Why nothing is sent to a known contact; undefined when something can be (or no contact yet). */
  suppressed: "do_not_contact" | "no_allowed_channel" | undefined;
}

export function reachOf(contact: Contact | null | undefined): Reach {
  const channel = contact ? allowedChannels(contact)[0] : undefined;
  const to = channel === "email" ? contact?.email : channel === "sms" ? contact?.phone : undefined;
  return {
    channel,
    to: to ?? null,
    discreet: contact?.preferences.discreet ?? true,
    suppressed: !contact
      ? undefined
      : contact.preferences.doNotContact
        ? "do_not_contact"
        : !channel
          ? "no_allowed_channel"
          : undefined,
  };
}

/** Whether an enrolment's contact details are enough to write to the person. */
export function carriesContact(details: ContactDetails | undefined): details is ContactDetails {
  return Boolean(details && (details.email || details.phone));
}
