// Persons referrals has purged. Events about them can still arrive (another stream, a lagging
// consumer, a replay): this set, holding only a hash of each reference, makes sure they bring
// back neither a contact nor a message.
import { createHash } from "node:crypto";
import { type Executor, rowByParams } from "@relais/db";
import { purgedPersons } from "./schema.js";

function refHash(personRef: string): string {
  return createHash("sha256").update(personRef).digest("hex");
}

export async function rememberPurged(tx: Executor, personRef: string, at: string): Promise<void> {
  await tx
    .insert(purgedPersons)
    .values({ refHash: refHash(personRef), purgedAt: at })
    .onConflictDoNothing();
}

export async function isPurged(db: Executor, personRef: string): Promise<boolean> {
  // Every event about a person asks this: its SQL is built once (`prepared`).
  const row = await rowByParams(db, "notifications.isPurged", purgedPersons, { refHash: refHash(personRef) });
  return row !== undefined;
}
