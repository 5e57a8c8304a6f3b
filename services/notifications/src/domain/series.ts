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
