// Whether a group takes new participants now, and whether a newcomer gets a seat or a waitlist place.

export type Admission = "closed" | "rolling";

export interface SessionTimes {
  startsAt: string;
  endsAt: string;
  status: "scheduled" | "moved" | "cancelled";
}

/** Closed cohorts take people until the first session starts; rolling groups until the last ends. */
export function admissionOpen(admission: Admission, sessions: readonly SessionTimes[], now: Date): boolean {
  const held = sessions.filter((s) => s.status !== "cancelled");
  if (held.length === 0) return false;
  const at = now.getTime();
  if (admission === "closed") return at < Math.min(...held.map((s) => Date.parse(s.startsAt)));
  return at < Math.max(...held.map((s) => Date.parse(s.endsAt)));
}

export function seatFor(enrolledCount: number, capacity: number): "enrolled" | "waitlisted" {
  return enrolledCount < capacity ? "enrolled" : "waitlisted";
}

/** How many of the waitlist (in arrival order) may move up now. */
export function promotions(
  enrolledCount: number,
  capacity: number,
  waitlisted: number,
  open: boolean,
): number {
  if (!open) return 0;
  return Math.max(0, Math.min(waitlisted, capacity - enrolledCount));
}
