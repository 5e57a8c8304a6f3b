// Moving sessions: one alone, or this one and every later one ("from this session on"), in the
// group's local wall-clock time so a change of weekday or hour survives daylight-saving changes.
import { Conflict } from "@relais/service-kit";
import { DateTime } from "luxon";
import { inZone, toUtcIso } from "./recurrence.js";

export interface MovableSession {
  id: string;
  startsAt: string;
  endsAt: string;
  originalStartsAt: string;
  status: "scheduled" | "moved" | "cancelled";
}

export interface SessionMove {
  id: string;
  startsAt: string;
  endsAt: string;
  status: "scheduled" | "moved";
}

/**
 * A session is cancelled or moved only while it is held and has not started: what happened in
 * a session is the attendance record's, and a cancelled one stays cancelled.
 */
export function assertSessionChangeable(
  session: Pick<MovableSession, "status" | "startsAt">,
  now: Date,
): void {
  if (session.status === "cancelled") throw new Conflict("This session is cancelled", "session_cancelled");
  if (Date.parse(session.startsAt) <= now.getTime())
    throw new Conflict("This session has already started", "session_started");
}

function statusFor(startsAt: string, originalStartsAt: string): "scheduled" | "moved" {
  return startsAt === originalStartsAt ? "scheduled" : "moved";
}

/** The anchor session's new start, carried over to each later held session as the same day shift and local time. */
export function moveFollowing(
  sessions: readonly MovableSession[],
  anchorId: string,
  newStart: DateTime,
  durationMinutes: number,
  zone: string,
): SessionMove[] {
  const anchor = sessions.find((s) => s.id === anchorId);
  if (!anchor) return [];
  const oldLocal = DateTime.fromISO(anchor.startsAt, { zone });
  const newLocal = newStart.setZone(zone);
  const dayShift = newLocal.startOf("day").diff(oldLocal.startOf("day"), "days").days;
  return sessions
    .filter((s) => s.status !== "cancelled" && s.startsAt >= anchor.startsAt)
    .map((s) => {
      const local = DateTime.fromISO(s.startsAt, { zone }).plus({ days: Math.round(dayShift) });
      const wallClock = DateTime.fromObject(
        {
          year: local.year,
          month: local.month,
          day: local.day,
          hour: newLocal.hour,
          minute: newLocal.minute,
        },
        { zone: "utc" },
      );
      return moveSingle(s, inZone(wallClock, zone), durationMinutes);
    });
}

export function moveSingle(
  session: MovableSession,
  newStart: DateTime,
  durationMinutes: number,
): SessionMove {
  const startsAt = toUtcIso(newStart);
  return {
    id: session.id,
    startsAt,
    endsAt: toUtcIso(newStart.plus({ minutes: durationMinutes })),
    status: statusFor(startsAt, session.originalStartsAt),
  };
}
