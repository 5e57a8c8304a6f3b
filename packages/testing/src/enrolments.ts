// `groups.enrolment.confirmed` as groups publishes it for a direct enrolment, for the bench and the
// probes that drive notifications through the contract alone: one victim peer group, one session.
import { createEvent, EnrolmentConfirmed, type SeriesSnapshot } from "@relais/contracts";
import { DateTime } from "luxon";

const ZONE = "Europe/Brussels";

/** A one-session series whose session starts at `startsAt` and lasts two hours. */
export function oneSessionSeries(tag: string, startsAt: Date): SeriesSnapshot {
  const endsAt = new Date(startsAt.getTime() + 120 * 60_000);
  return {
    groupId: `grp-${tag}`,
    publicName: "Groupe de parole",
    kind: "victim_peer",
    language: "fr",
    timeZone: ZONE,
    dtstart: DateTime.fromJSDate(startsAt).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    rrule: "FREQ=WEEKLY;COUNT=1",
    durationMinutes: 120,
    location: { kind: "venue", address: "Rue de la Station 1, 4100 Seraing" },
    facilitators: [],
    sequence: 0,
    sessions: [
      {
        sessionId: `ses-${tag}`,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        originalStartsAt: startsAt.toISOString(),
        status: "scheduled",
      },
    ],
  };
}

/** Seals a value for notifications, as service-kit's recipient sealer does. */
export interface Sealer {
  seal(value: unknown, context: string): string;
}

/**
 * Person `index` enrolled in `series`, reachable at `person-<index>@<tag>.test`: the address
 * travels sealed for notifications, as groups sends it.
 */
export function enrolmentConfirmed(tag: string, index: number, series: SeriesSnapshot, sealer: Sealer) {
  return createEvent(EnrolmentConfirmed, {
    orgId: `org-${tag}`,
    source: "groups",
    data: {
      enrolmentId: `enr-${tag}-${index}`,
      groupId: series.groupId,
      personRef: `prs_${tag}-${String(index).padStart(8, "0")}`,
      language: "fr",
      sealed: sealer.seal({ contact: { email: `person-${index}@${tag}.test` } }, EnrolmentConfirmed.type),
      series,
    },
  });
}
