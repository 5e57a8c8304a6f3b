// Reads and writes the encrypted contact book; everything else sees decrypted `Contact` values only.
// A contact belongs to the organisation, and the referral or enrolment, that created it: it is
// looked up by (organisation, person), never by the person alone.
import { ContactPreferences } from "@relais/contracts";
import { type Executor, prepared, rowByParams } from "@relais/db";
import type { SealedBox } from "@relais/service-kit";
import { inArray, sql } from "drizzle-orm";
import type { Contact } from "../domain/contact.js";
import { contacts } from "./schema.js";

export type { Contact } from "../domain/contact.js";

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
  const row = await rowByParams(db, "notifications.loadContact", contacts, { orgId, personRef });
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

const SAVED_COLUMNS = [
  "orgId",
  "personRef",
  "role",
  "source",
  "sourceId",
  "language",
  "timeZone",
  "sealed",
  "preferences",
  "updatedAt",
] as const;

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
  // The upsert's SQL is built once (`prepared`): the update takes the values the insert was given.
  await prepared(tx, "notifications.saveContact", (d) =>
    d
      .insert(contacts)
      .values(Object.fromEntries(SAVED_COLUMNS.map((key) => [key, sql.placeholder(key)])) as never)
      .onConflictDoUpdate({
        target: [contacts.orgId, contacts.personRef],
        set: Object.fromEntries(
          SAVED_COLUMNS.filter((key) => key !== "orgId" && key !== "personRef").map((key) => [
            key,
            sql.raw(`excluded.${contacts[key].name}`),
          ]),
        ),
      }),
  ).run({ orgId: contact.orgId, personRef: contact.personRef, ...row });
  // What was just written: reading it back would only decrypt what is in hand.
  return { ...contact, updatedAt: at };
}
