// Puts a message in the delivery log. Consumers call this inside their transaction; the scheduler
// sends it afterwards, so an event and the message it causes are never separated.
import { type Language, newId } from "@relais/contracts";
import { type Executor, equalsParams, insertRows, prepared, rowByParams } from "@relais/db";
import type { SealedBox } from "@relais/service-kit";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { TemplateName, TemplateParams } from "../domain/templates.js";
import { messages } from "./schema.js";

/** What is sealed in a message row: the address and everything the text is built from. */
export interface MessagePayload {
  to: string | null;
  params: TemplateParams;
  ics?: { method: "REQUEST" | "CANCEL"; content: string };
  /** Reminders are rendered from the session as it is when they go out. */
  reminder?: { groupId: string; sessionId: string; plannedStartsAt: string; timeZone: string };
  /** For SMS to a person: held until their safe window; `allChannels`: e-mail too. */
  safeWindow?: { personRef: string; allChannels?: boolean };
  /** A message held for a contact: the group it is about, which decides what its release sends. */
  heldFor?: { groupId: string };
}

export interface QueueInput {
  orgId: string;
  personRef: string | null;
  channel: "email" | "sms";
  template: TemplateName;
  language: Language;
  discreet: boolean;
  payload: MessagePayload;
  /** Not sent before this time (e.g. a safe window). Defaults to now. */
  notBefore?: Date;
  /** Recorded without sending, with this reason. */
  suppressed?: string;
  /** Held (`awaiting_contact`) until the person's contact arrives, at most until this time. */
  holdUntil?: Date;
  /** The held row this message is the release of: it is rewritten in place, not added. */
  replaces?: string;
  reminderRef?: string;
  now: Date;
}

export async function queueMessage(tx: Executor, box: SealedBox, input: QueueInput): Promise<string> {
  const row = messageRow(box, input);
  if (input.replaces) {
    // One row per message in the log: the held row becomes the message that goes out.
    const { id: _, createdAt: __, ...changes } = row;
    await tx
      .update(messages)
      .set(changes)
      .where(and(eq(messages.id, input.replaces), eq(messages.status, "held")));
    return input.replaces;
  }
  await insertRows(tx, messages, [row]);
  return row.id;
}

/** Many messages in few statements: a batch of reminders falling due together. */
export async function queueMessages(tx: Executor, box: SealedBox, inputs: QueueInput[]): Promise<void> {
  const rows = inputs.map((input) => messageRow(box, input));
  // 200 rows × 16 columns stays far below SQLite's limit on bound parameters.
  for (let from = 0; from < rows.length; from += 200)
    await tx.insert(messages).values(rows.slice(from, from + 200));
}

function messageRow(box: SealedBox, input: QueueInput): typeof messages.$inferInsert & { id: string } {
  const id = newId();
  const now = input.now.toISOString();
  const held = input.holdUntil !== undefined && input.suppressed === undefined;
  const suppressed = input.suppressed ?? (input.payload.to || held ? undefined : "no_address");
  return {
    id,
    orgId: input.orgId,
    personRef: input.personRef,
    channel: input.channel,
    template: input.template,
    language: input.language,
    discreet: input.discreet,
    sealed: box.seal(JSON.stringify(input.payload)),
    status: suppressed ? "suppressed" : held ? "held" : "queued",
    reason: suppressed ?? (held ? "awaiting_contact" : null),
    attempts: 0,
    nextAttemptAt: ((held ? input.holdUntil : input.notBefore) ?? input.now).toISOString(),
    reminderId: input.reminderRef ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export function openPayload(box: SealedBox, sealed: string): MessagePayload {
  return JSON.parse(box.open(sealed)) as MessagePayload;
}

/** A message held for a person's contact, with the group it is about. */
export interface HeldMessage {
  id: string;
  orgId: string;
  template: string;
  language: Language;
  groupId: string;
  params: Record<string, string | undefined>;
}

/**
 * The person's held messages in one organisation, oldest first, with the group each is about: a
 * contact of one organisation never releases (nor ends) another organisation's messages.
 */
export async function heldMessages(
  tx: Executor,
  box: SealedBox,
  orgId: string,
  personRef: string,
): Promise<HeldMessage[]> {
  // Asked on every enrolment and referral that brings a contact: its SQL is built once.
  const rows = await prepared(tx, "notifications.heldMessages", (d) =>
    d
      .select()
      .from(messages)
      .where(and(equalsParams(messages, ["orgId", "personRef"]), eq(messages.status, "held")))
      .orderBy(asc(messages.createdAt), asc(messages.id)),
  ).all({ orgId, personRef });
  return rows.map((row) => {
    const payload = openPayload(box, row.sealed);
    return {
      id: row.id,
      orgId: row.orgId,
      template: row.template,
      language: row.language,
      groupId: payload.heldFor?.groupId ?? "",
      params: { ...payload.params },
    };
  });
}

/** Ends the wait of held messages without sending them; rows no longer held are left alone. */
export async function suppressHeld(tx: Executor, ids: string[], reason: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(messages)
    .set({ status: "suppressed", reason, updatedAt: now.toISOString() })
    .where(and(inArray(messages.id, ids), eq(messages.status, "held")));
}

export type MessageRow = typeof messages.$inferSelect;

/** One message of the organisation, or null: another organisation's id finds nothing. */
export async function findMessage(db: Executor, orgId: string, id: string): Promise<MessageRow | null> {
  return (await rowByParams(db, "notifications.findMessage", messages, { id, orgId })) ?? null;
}
