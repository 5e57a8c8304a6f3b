// How a verb that cancels or moves a session starts its write: the session, if the caller may see
// its group; then a retry's stored answer (so a retry of a cancel is answered, not refused as
// "cancelled"); then the rule that the session is held and has not started.
import type { Tx } from "@relais/db";
import { writeOnRecord } from "@relais/service-kit";
import { type GroupRecord, type SessionRecord, visibleSession } from "../db/group-store.js";
import { assertSessionChangeable } from "../domain/session-moves.js";
import type { Ctx } from "./context.js";

export function writeOnChangeableSession<T>(
  ctx: Ctx,
  id: string,
  fn: (tx: Tx, found: { group: GroupRecord; session: SessionRecord }, now: Date) => Promise<T>,
): Promise<T> {
  return writeOnRecord(
    ctx,
    (tx) => visibleSession(tx, ctx.principal, id),
    async (tx, found) => {
      const now = ctx.clock.now();
      assertSessionChangeable(found.session, now);
      return fn(tx, found, now);
    },
  );
}
