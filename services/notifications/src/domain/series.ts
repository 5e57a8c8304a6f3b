// What messages say about a series: its next session and where it meets.
import type { SeriesSnapshot } from "@relais/contracts";

/** The next session to come, or the first one when all are past: what a message calls "when". */
export function nextSession(snapshot: SeriesSnapshot, now: Date) {
  const live = snapshot.sessions
    .filter((s) => s.status !== "cancelled")
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return live.find((s) => Date.parse(s.startsAt) > now.getTime()) ?? live[0] ?? null;
}

/** The venue's address, or the link of an online group. Only ever told to enrolled participants. */
export function venueOf(snapshot: SeriesSnapshot): string {
  return snapshot.location.kind === "venue" ? snapshot.location.address : snapshot.location.url;
}

/**
 * Whether `after` changes what a participant's calendar and messages show of `before`: its name,
 * language, kind, zone, rule, duration, place and sessions. Not its facilitators (staff, whose
 * feeds read them) nor its sequence: a change to those alone is no news to participants.
 */
export function participantsSeeChange(before: SeriesSnapshot | null, after: SeriesSnapshot): boolean {
  if (before === null) return true;
  const seen = ({ facilitators: _f, sequence: _s, ...rest }: SeriesSnapshot) => canonical(rest);
  return seen(before) !== seen(after);
}

/** JSON with every object's keys in order, so that two equal snapshots read alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
