// Whether a message goes out now, later or never — decided from the session and the contact as
// they are when it is due. The reminder scheduler and the dispatcher share `reminderSession`: a
// reminder of a cancelled or started session is dropped by whichever of them sees it first.
import type { SeriesSnapshot } from "@relais/contracts";
import { nextSafeMoment } from "@relais/safe-windows";
import type { Contact } from "./contact.js";
import { formatWhen } from "./format.js";
import { venueOf } from "./series.js";
import type { TemplateParams } from "./templates.js";

type Session = SeriesSnapshot["sessions"][number];

/**
 * The session a reminder is about, if it is still worth reminding of: it exists, is not cancelled,
 * is where the reminder was planned (when `plannedStartsAt` is known: a moved session got
 * reminders of its own when it was re-planned) and has not started.
 */
export function reminderSession(
  series: SeriesSnapshot | null,
  sessionId: string,
  now: Date,
  plannedStartsAt?: string,
):
  | { drop: "session_cancelled" | "session_moved" | "session_started" }
  | { session: Session; series: SeriesSnapshot } {
  const session = series?.sessions.find((s) => s.sessionId === sessionId);
  if (!series || !session || session.status === "cancelled") return { drop: "session_cancelled" };
  const startsAt = Date.parse(session.startsAt);
  if (plannedStartsAt !== undefined && startsAt !== Date.parse(plannedStartsAt))
    return { drop: "session_moved" };
  if (startsAt <= now.getTime()) return { drop: "session_started" };
  return { session, series };
}

/** What becomes of a due reminder row: a message, or a reason to drop it. */
export function decideReminder(
  row: { sessionId: string },
  series: SeriesSnapshot | null,
  enrolled: boolean,
  now: Date,
): { drop: string } | { session: Session; series: SeriesSnapshot } {
  const found = reminderSession(series, row.sessionId, now);
  if ("drop" in found) return found;
  if (!enrolled) return { drop: "not_enrolled" };
  return found;
}

export type DeliveryDecision =
  | { kind: "send"; params: TemplateParams }
  | { kind: "suppressed"; reason: string }
  /** Not now, and not an attempt: due again at `until`. */
  | { kind: "held"; until: Date; reason: string };

export interface DueMessage {
  /** The address the message was queued with; none means it cannot go anywhere. */
  to: string | null;
  channel: "email" | "sms";
  language: Contact["language"];
  /** Set for messages to a participant, whose contact decides; staff alerts have none. */
  personRef: string | null;
  params: TemplateParams;
  /** A reminder is rendered from its session as it is now. */
  reminder?: { sessionId: string; plannedStartsAt: string };
  /** Held for the person's safe window on every channel, not only SMS (an address). */
  safeWindowAllChannels?: boolean;
}

/**
 * The delivery decision for one due message. `series` is the reminder's group's series and
 * `contact` the person's contact in the message's organisation, both as they are now.
 */
export function decideDelivery(input: {
  message: DueMessage;
  series: SeriesSnapshot | null;
  contact: Contact | null;
  now: Date;
}): DeliveryDecision {
  const { message, series, contact, now } = input;
  if (!message.to) return { kind: "suppressed", reason: "no_address" };
  const params = { ...message.params };
  let sessionStartsAt: number | undefined;
  if (message.reminder) {
    const found = reminderSession(series, message.reminder.sessionId, now, message.reminder.plannedStartsAt);
    if ("drop" in found) return { kind: "suppressed", reason: found.drop };
    const { session } = found;
    sessionStartsAt = Date.parse(session.startsAt);
    // Reminders greet without a name: none is in their payload.
    params.name ??= "";
    params.groupName = found.series.publicName;
    params.when = formatWhen(session.startsAt, found.series.timeZone, message.language);
    params.place = venueOf(found.series);
  }
  if (message.personRef) {
    if (!contact) return { kind: "suppressed", reason: "no_contact" };
    if (contact.preferences.doNotContact) return { kind: "suppressed", reason: "do_not_contact" };
    if (message.channel === "sms" || message.safeWindowAllChannels) {
      // Waiting for a window is not an attempt; a window that opens only after the session is none.
      const next = nextSafeMoment(contact.preferences.safeWindows, contact.timeZone, now);
      if (!next || (sessionStartsAt !== undefined && next.getTime() >= sessionStartsAt))
        return { kind: "suppressed", reason: "no_safe_window" };
      if (next.getTime() > now.getTime())
        return { kind: "held", until: next, reason: "waiting_for_safe_window" };
    }
  }
  return { kind: "send", params };
}
