// Events as the groups and referrals services publish them.
import {
  createEvent,
  EnrolmentConfirmed,
  EnrolmentEnded,
  EnrolmentWaitlisted,
  PersonPurged,
  ReferralReceived,
  type SeriesSnapshot,
  SessionCancelled,
  SessionChanged,
} from "@relais/contracts";
import {
  type CallbackTaskInput,
  referralReceived,
  referredPerson,
  callbackClosed as sharedCallbackClosed,
  callbackOpened as sharedCallbackOpened,
} from "@relais/testing";
import { DateTime } from "luxon";
import { sealForNotifications } from "./seal-keys.js";

export const ORG = "org-liege";
const ZONE = "Europe/Brussels";

/**
 * A weekly Tuesday 18:00 group in Brussels whose sessions span both daylight-saving changes of
 * 2026 (29 March and 25 October). `firstLocal` moves it, e.g. into the near future for reminders.
 */
export function weeklySeries(
  overrides: Partial<SeriesSnapshot> & { firstLocal?: string; count?: number } = {},
): SeriesSnapshot {
  const { firstLocal = "2026-03-03T18:00:00", count = 36, ...rest } = overrides;
  const first = DateTime.fromISO(firstLocal, { zone: ZONE });
  const sessions = Array.from({ length: count }, (_, i) => {
    const start = first.plus({ weeks: i });
    return {
      sessionId: `ses-${i + 1}`,
      startsAt: start.toISO()!,
      endsAt: start.plus({ minutes: 120 }).toISO()!,
      originalStartsAt: start.toISO()!,
      status: "scheduled" as const,
    };
  });
  return {
    groupId: "grp-peer-1",
    publicName: "Groupe de parole pour victimes de violence",
    kind: "victim_peer",
    language: "fr",
    timeZone: ZONE,
    dtstart: first.toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    rrule: `FREQ=WEEKLY;COUNT=${count}`,
    durationMinutes: 120,
    location: { kind: "venue", address: "Rue Secrète 12, 4000 Liège" },
    facilitators: [{ sub: "fac-1", displayName: "Fatou", email: "fatou@relais.example" }],
    sequence: 1,
    sessions,
    ...rest,
  };
}

/** The series with session `sessionId` moved by `hours`. */
export function moveSession(series: SeriesSnapshot, sessionId: string, hours: number): SeriesSnapshot {
  return {
    ...series,
    sequence: series.sequence + 1,
    sessions: series.sessions.map((s) =>
      s.sessionId === sessionId
        ? {
            ...s,
            status: "moved" as const,
            startsAt: DateTime.fromISO(s.startsAt, { setZone: true }).plus({ hours }).toISO()!,
            endsAt: DateTime.fromISO(s.endsAt, { setZone: true }).plus({ hours }).toISO()!,
          }
        : s,
    ),
  };
}

export function cancelSession(series: SeriesSnapshot, sessionId: string): SeriesSnapshot {
  return {
    ...series,
    sequence: series.sequence + 1,
    sessions: series.sessions.map((s) =>
      s.sessionId === sessionId ? { ...s, status: "cancelled" as const } : s,
    ),
  };
}

export interface Person {
  personRef: string;
  /** The organisation of the event; ORG unless said. */
  org?: string;
  /** A direct enrolment's id; `enr-<personRef>` unless said. */
  enrolmentId?: string;
  email?: string;
  phone?: string;
  name?: string;
  discreet?: boolean;
  channels?: Array<"email" | "sms" | "phone">;
  safeWindows?: Array<{ days: number[]; from: string; to: string }>;
  language?: "fr" | "nl" | "en";
}

export function enrolled(series: SeriesSnapshot, person: Person) {
  return createEvent(EnrolmentConfirmed, {
    orgId: person.org ?? ORG,
    source: "groups",
    data: {
      enrolmentId: person.enrolmentId ?? `enr-${person.personRef}`,
      groupId: series.groupId,
      personRef: person.personRef,
      language: person.language ?? "fr",
      sealed: sealForNotifications(
        {
          displayName: person.name,
          contact: { email: person.email, phone: person.phone },
          preferences: {
            channels: person.channels ?? ["email"],
            safeWindows: person.safeWindows ?? [],
            voicemailAllowed: false,
            discreet: person.discreet ?? false,
            doNotContact: false,
          },
        },
        EnrolmentConfirmed.type,
      ),
      series,
    },
  });
}

export function withdrawn(series: SeriesSnapshot, person: Person) {
  return createEvent(EnrolmentEnded, {
    orgId: ORG,
    source: "groups",
    data: {
      enrolmentId: `enr-${person.personRef}`,
      groupId: series.groupId,
      personRef: person.personRef,
      language: person.language ?? "fr",
      status: "withdrawn",
      series,
    },
  });
}

export function sessionMoved(series: SeriesSnapshot, sessionId: string) {
  return createEvent(SessionChanged, {
    orgId: ORG,
    source: "groups",
    data: { groupId: series.groupId, sessionId, scope: "single", series },
  });
}

export function sessionCancelled(series: SeriesSnapshot, sessionId: string) {
  const session = series.sessions.find((s) => s.sessionId === sessionId)!;
  return createEvent(SessionCancelled, {
    orgId: ORG,
    source: "groups",
    data: {
      groupId: series.groupId,
      sessionId,
      originalStartsAt: session.originalStartsAt,
      reason: "Salle indisponible",
      series,
    },
  });
}

/** An enrolment of someone who came through a referral: groups knows no contact for them. */
export function enrolledFromReferral(series: SeriesSnapshot, personRef: string, org = ORG) {
  return createEvent(EnrolmentConfirmed, {
    orgId: org,
    source: "groups",
    data: { enrolmentId: `enr-${personRef}`, groupId: series.groupId, personRef, language: "fr", series },
  });
}

export function waitlistedFromReferral(series: SeriesSnapshot, personRef: string, position: number) {
  return createEvent(EnrolmentWaitlisted, {
    orgId: ORG,
    source: "groups",
    data: {
      enrolmentId: `enr-${personRef}`,
      groupId: series.groupId,
      personRef,
      language: "fr",
      position,
      publicName: series.publicName,
    },
  });
}

/** The referral that brings a person's contact (only with `consent` and an address). */
export function referred(person: Person & { consent?: boolean; doNotContact?: boolean }) {
  const consent = person.consent ?? true;
  return referralReceived(person.org ?? ORG, {
    referralId: `ref-${person.personRef}`,
    persons: [
      referredPerson(person.personRef, "victim", {
        consent,
        language: person.language ?? "fr",
        timeZone: ZONE,
        // As referrals does: only a person who may be contacted comes with a name and details.
        sealed:
          consent && !person.doNotContact
            ? sealForNotifications(
                { displayName: person.name, contact: { email: person.email, phone: person.phone } },
                ReferralReceived.type,
              )
            : undefined,
        preferences: {
          channels: person.channels ?? ["email"],
          safeWindows: person.safeWindows ?? [],
          voicemailAllowed: false,
          discreet: person.discreet ?? false,
          doNotContact: person.doNotContact ?? false,
        },
      }),
    ],
  });
}

export function purged(personRef: string) {
  return createEvent(PersonPurged, {
    orgId: ORG,
    source: "referrals",
    data: { personRef, referralId: `ref-${personRef}` },
  });
}

/** A call-back task of `team` for the person, as referrals announces it when it is created. */
export const callbackOpened = (task: CallbackTaskInput & { org?: string; openedAt?: string }) =>
  sharedCallbackOpened(task.org ?? ORG, task);

export const callbackClosed = (task: CallbackTaskInput & { org?: string; closedAt: string }) =>
  sharedCallbackClosed(task.org ?? ORG, task);
