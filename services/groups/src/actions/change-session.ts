// Moves one session, or this and every later one ("from this session on"), bumps the series'
// SEQUENCE and tells participants through `groups.session.changed`.
import { enqueue } from "@relais/bus";
import { audit, Conflict } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import {
  bumpSequence,
  type GroupRecord,
  groupSessions,
  type SessionRecord,
  sessionChangedEvent,
} from "../db/group-store.js";
import { sessions } from "../db/schema.js";
import { changeFacts } from "../db/separation-facts.js";
import { assertChangeKeepsApart } from "../domain/separation.js";
import { moveFollowing, moveSingle } from "../domain/session-moves.js";
import type { Ctx } from "./context.js";
import { writeOnChangeableSession } from "./record-verbs.js";

export interface SessionChange {
  scope: "single" | "following";
  /** New start of this session, with offset. */
  startsAt?: string;
  durationMinutes?: number;
}

export async function changeSession(
  ctx: Ctx,
  { id, change }: { id: string; change: SessionChange },
): Promise<{ group: GroupRecord; sessions: SessionRecord[] }> {
  const { requestId } = ctx;
  return writeOnChangeableSession(ctx, id, async (tx, { group: before, session }, now) => {
    const newStart = change.startsAt
      ? DateTime.fromISO(change.startsAt, { setZone: true })
      : DateTime.fromISO(session.startsAt, { zone: before.timeZone });
    if (newStart.toMillis() <= now.getTime())
      throw new Conflict("A session cannot be moved into the past", "session_in_past");
    const duration =
      change.durationMinutes ??
      Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
    const all = await groupSessions(tx, before.id);
    const moves =
      change.scope === "single"
        ? [moveSingle(session, newStart, duration)]
        : moveFollowing(all, session.id, newStart, duration, before.timeZone);
    for (const move of moves)
      await tx
        .update(sessions)
        .set({ startsAt: move.startsAt, endsAt: move.endsAt, status: move.status })
        .where(eq(sessions.id, move.id));
    // A new time may now coincide, at the same venue, with a group someone is kept apart from.
    const after = await groupSessions(tx, before.id);
    assertChangeKeepsApart(after, await changeFacts(tx, before));
    const group = await bumpSequence(tx, before, now.toISOString());
    await enqueue(
      tx,
      sessionChangedEvent(group, after, {
        sessionId: session.id,
        scope: change.scope,
        now,
        correlationId: requestId,
      }),
    );
    await audit(tx, ctx, "session.change", { type: "session", id });
    return { group, sessions: after };
  });
}
