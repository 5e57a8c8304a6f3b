// One leased message out of the door: its batch's sessions and contacts are read once, when the
// batch is claimed, moments before its messages go out; each message is then decided
// (`domain/delivery-decision.ts`), rendered and handed to the mailer or the SMS gateway.
import type { SeriesSnapshot } from "@relais/contracts";
import type { Executor } from "@relais/db";
import type { SealedBox } from "@relais/service-kit";
import { DeliveryError } from "../adapters/delivery-error.js";
import type { Mailer } from "../adapters/mailer.js";
import type { SmsSender } from "../adapters/sms-gateway.js";
import { type Contact, contactKey, loadContacts } from "../db/contacts.js";
import type { Outcome } from "../db/message-outcomes.js";
import { type MessagePayload, type MessageRow, openPayload } from "../db/messages.js";
import { loadSeries } from "../db/series.js";
import { decideDelivery } from "../domain/delivery-decision.js";
import { renderMessage, type TemplateName } from "../domain/templates.js";

export interface ClaimedMessage {
  row: MessageRow;
  payload: MessagePayload;
  series: SeriesSnapshot | null;
  contact: Contact | null;
}

/** What a claimed batch's messages are built from: each group's series and each contact read once. */
export async function readClaimedBatch(
  db: Executor,
  box: SealedBox,
  rows: MessageRow[],
): Promise<ClaimedMessage[]> {
  const opened = rows.map((row) => ({ row, payload: openPayload(box, row.sealed) }));
  const series = new Map<string, SeriesSnapshot | null>();
  for (const { payload } of opened) {
    const groupId = payload.reminder?.groupId;
    if (groupId && !series.has(groupId)) series.set(groupId, await loadSeries(db, groupId));
  }
  // Each message's own organisation's contact of the person, never another organisation's.
  const contacts = await loadContacts(
    db,
    box,
    rows.flatMap((row) => (row.personRef ? [{ orgId: row.orgId, personRef: row.personRef }] : [])),
  );
  return opened.map(({ row, payload }) => ({
    row,
    payload,
    series: payload.reminder ? (series.get(payload.reminder.groupId) ?? null) : null,
    contact: row.personRef ? (contacts.get(contactKey(row.orgId, row.personRef)) ?? null) : null,
  }));
}

export function createMessageSender(options: { mailer: Mailer; sms: SmsSender | null; mailFrom: string }) {
  const domain = options.mailFrom.split("@")[1] ?? "relais.local";
  /** Decides, renders and sends one message; a failed send is an outcome, not a throw. */
  return async function deliverMessage(message: ClaimedMessage, now: Date): Promise<Outcome> {
    const { row, payload } = message;
    const decision = decideDelivery({
      message: {
        to: payload.to,
        channel: row.channel,
        language: row.language,
        personRef: row.personRef,
        params: payload.params,
        reminder: payload.reminder,
        safeWindowAllChannels: payload.safeWindow?.allChannels,
      },
      series: message.series,
      contact: message.contact,
      now,
    });
    if (decision.kind !== "send") return decision;
    const to = payload.to ?? "";
    const rendered = renderMessage({
      template: row.template as TemplateName,
      language: row.language,
      discreet: row.discreet,
      params: decision.params,
    });
    try {
      if (row.channel === "email") {
        return {
          kind: "sent",
          ...(await options.mailer.send({
            from: { name: rendered.senderName, address: options.mailFrom },
            to,
            subject: rendered.subject,
            text: rendered.text,
            // Stable per row: a resend after a crash is recognisably the same message.
            messageId: `<${row.id}@${domain}>`,
            ics: payload.ics,
          })),
        };
      }
      if (!options.sms) return { kind: "suppressed", reason: "sms_gateway_not_configured" };
      return { kind: "sent", ...(await options.sms.send({ to, text: rendered.sms, reference: row.id })) };
    } catch (error) {
      return {
        kind: "error",
        error: error instanceof DeliveryError ? error : new DeliveryError(String(error), false),
      };
    }
  };
}
