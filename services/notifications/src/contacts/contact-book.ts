// Reads and writes the encrypted contact book; everything else sees decrypted `Contact` values only.
import {
  type ContactDetails,
  ContactPreferences,
  type Language,
  type ContactPreferences as Preferences,
} from "@relais/contracts";
import type { Executor } from "@relais/db";
import type { SealedBox } from "@relais/service-kit";
import { eq, inArray } from "drizzle-orm";
import { contacts } from "../db/schema.js";

export interface Contact {
  personRef: string;
  orgId: string;
  role: string;
  language: Language;
  timeZone: string;
  email?: string;
  phone?: string;
  displayName?: string;
  preferences: Preferences;
  updatedAt: string;
}

interface SealedFields {
  email?: string;
  phone?: string;
  displayName?: string;
}

export async function loadContact(db: Executor, box: SealedBox, personRef: string): Promise<Contact | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.personRef, personRef)).limit(1);
  return row ? openContact(box, row) : null;
}

/** Many contacts in one read, by person: what a batch of messages or reminders needs. */
export async function loadContacts(
  db: Executor,
  box: SealedBox,
  personRefs: string[],
): Promise<Map<string, Contact>> {
  const found = new Map<string, Contact>();
  const distinct = [...new Set(personRefs)];
  for (let from = 0; from < distinct.length; from += 500) {
    const rows = await db
      .select()
      .from(contacts)
      .where(inArray(contacts.personRef, distinct.slice(from, from + 500)));
    for (const row of rows) found.set(row.personRef, openContact(box, row));
  }
  return found;
}

function openContact(box: SealedBox, row: typeof contacts.$inferSelect): Contact {
  const fields = JSON.parse(box.open(row.sealed)) as SealedFields;
  return {
    personRef: row.personRef,
    orgId: row.orgId,
    role: row.role,
    language: row.language,
    timeZone: row.timeZone,
    ...fields,
    preferences: ContactPreferences.parse(row.preferences),
    updatedAt: row.updatedAt,
  };
}

export async function saveContact(
  tx: Executor,
  box: SealedBox,
  contact: Omit<Contact, "updatedAt">,
  at: string,
): Promise<void> {
  const fields: SealedFields = {
    email: contact.email,
    phone: contact.phone,
    displayName: contact.displayName,
  };
  const row = {
    orgId: contact.orgId,
    role: contact.role,
    language: contact.language,
    timeZone: contact.timeZone,
    sealed: box.seal(JSON.stringify(fields)),
    preferences: contact.preferences,
    updatedAt: at,
  };
  await tx
    .insert(contacts)
    .values({ personRef: contact.personRef, ...row })
    .onConflictDoUpdate({ target: contacts.personRef, set: row });
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

/** Whether an enrolment's contact details are enough to write to the person. */
export function carriesContact(details: ContactDetails | undefined): details is ContactDetails {
  return Boolean(details && (details.email || details.phone));
}

/** Enrolment events may carry contact details (direct enrolments); they refresh the book. */
export async function rememberEnrolmentContact(
  tx: Executor,
  box: SealedBox,
  input: {
    orgId: string;
    personRef: string;
    language: Language;
    timeZone: string;
    displayName?: string;
    contact?: ContactDetails;
    preferences?: Preferences;
    at: string;
  },
): Promise<Contact | null> {
  const existing = await loadContact(tx, box, input.personRef);
  if (carriesContact(input.contact)) {
    const contact: Omit<Contact, "updatedAt"> = {
      personRef: input.personRef,
      orgId: input.orgId,
      role: existing?.role ?? "participant",
      language: input.language,
      timeZone: existing?.timeZone ?? input.timeZone,
      email: input.contact.email,
      phone: input.contact.phone,
      displayName: input.displayName ?? existing?.displayName,
      preferences: preferencesFor(input.contact, input.preferences ?? existing?.preferences),
    };
    await saveContact(tx, box, contact, input.at);
    // What was just written: reading it back would only decrypt what is in hand.
    return { ...contact, updatedAt: input.at };
  }
  return existing && existing.orgId === input.orgId ? existing : null;
}
