// Reads and writes the encrypted contact book; everything else sees decrypted `Contact` values only.
// A contact belongs to the organisation, and the referral or enrolment, that created it: it is
// looked up by (organisation, person), never by the person alone, and only its creator rewrites it.
import {
  type ContactDetails,
  ContactPreferences,
  type Language,
  type ContactPreferences as Preferences,
} from "@relais/contracts";
import type { Executor } from "@relais/db";
import type { Logger, SealedBox } from "@relais/service-kit";
import { and, eq, inArray } from "drizzle-orm";
import { contacts } from "../db/schema.js";

export type ContactSource = (typeof contacts.$inferSelect)["source"];

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

interface SealedFields {
  email?: string;
  phone?: string;
  displayName?: string;
}

export async function loadContact(
  db: Executor,
  box: SealedBox,
  orgId: string,
  personRef: string,
): Promise<Contact | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.personRef, personRef)))
    .limit(1);
  return row ? openContact(box, row) : null;
}

/** The key of `loadContacts`' map: a contact is one organisation's, so both are in it. */
export function contactKey(orgId: string, personRef: string): string {
  return `${orgId}\n${personRef}`;
}

/**
 * Many contacts in one read: what a batch of messages or reminders needs. Each row names its own
 * organisation; only that organisation's contact of the person is found for it.
 */
export async function loadContacts(
  db: Executor,
  box: SealedBox,
  wanted: Array<{ orgId: string; personRef: string }>,
): Promise<Map<string, Contact>> {
  const found = new Map<string, Contact>();
  const keys = new Set(wanted.map((w) => contactKey(w.orgId, w.personRef)));
  const distinct = [...new Set(wanted.map((w) => w.personRef))];
  for (let from = 0; from < distinct.length; from += 500) {
    const rows = await db
      .select()
      .from(contacts)
      .where(inArray(contacts.personRef, distinct.slice(from, from + 500)));
    for (const row of rows) {
      const key = contactKey(row.orgId, row.personRef);
      if (keys.has(key)) found.set(key, openContact(box, row));
    }
  }
  return found;
}

function openContact(box: SealedBox, row: typeof contacts.$inferSelect): Contact {
  const fields = JSON.parse(box.open(row.sealed)) as SealedFields;
  return {
    personRef: row.personRef,
    orgId: row.orgId,
    role: row.role,
    source: row.source,
    sourceId: row.sourceId,
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
): Promise<Contact> {
  const fields: SealedFields = {
    email: contact.email,
    phone: contact.phone,
    displayName: contact.displayName,
  };
  const row = {
    role: contact.role,
    source: contact.source,
    sourceId: contact.sourceId,
    language: contact.language,
    timeZone: contact.timeZone,
    sealed: box.seal(JSON.stringify(fields)),
    preferences: contact.preferences,
    updatedAt: at,
  };
  await tx
    .insert(contacts)
    .values({ orgId: contact.orgId, personRef: contact.personRef, ...row })
    .onConflictDoUpdate({ target: [contacts.orgId, contacts.personRef], set: row });
  // What was just written: reading it back would only decrypt what is in hand.
  return { ...contact, updatedAt: at };
}

/**
 * A referral's person: the referral minted the reference, so its contact is the person's contact in
 * that organisation. It replaces one a direct enrolment wrote for the same reference (someone
 * enrolled the reference before the referral arrived: the referral is the authority), never one
 * of another referral. Returns the organisation's contact of the person as it now is.
 */
export async function rememberReferralContact(
  tx: Executor,
  box: SealedBox,
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
  const existing = await loadContact(tx, box, input.orgId, input.personRef);
  if (existing?.source === "referral" && existing.sourceId !== input.referralId) return existing;
  return saveContact(
    tx,
    box,
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

/**
 * Enrolment events may carry contact details (direct enrolments). They create the person's contact
 * in the enrolment's organisation when it has none, and refresh it when this same enrolment
 * created it. A contact created by a referral, or by another enrolment, is never overwritten nor
 * redirected: the details are ignored (logged, without them) and the existing contact is used.
 * Another organisation's contact of the person is never read here: the lookup is by organisation.
 */
export async function rememberEnrolmentContact(
  tx: Executor,
  box: SealedBox,
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
    logger?: Logger;
  },
): Promise<Contact | null> {
  const existing = await loadContact(tx, box, input.orgId, input.personRef);
  if (!carriesContact(input.contact)) return existing;
  const ours = existing?.source === "enrolment" && existing.sourceId === input.enrolmentId;
  if (existing && !ours) {
    input.logger?.info(
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
    tx,
    box,
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
