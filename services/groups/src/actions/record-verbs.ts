// How a verb on one group, enrolment or session starts its write: the record, if the caller may
// see its group; then a retry's stored answer (so a retry of a change already made is answered,
// not refused by the state it left); then, for a session, the rule that it is held and has not
// started. Each is kit's `writeOnRecord` with this service's look-up.
import type { Tx } from "@relais/db";
import { writeOnRecord } from "@relais/service-kit";
import { type EnrolmentRecord, visibleEnrolment } from "../db/enrolment-store.js";
import { type GroupRecord, type SessionRecord, visibleGroup, visibleSession } from "../db/group-store.js";
import { assertSessionChangeable } from "../domain/session-moves.js";
import type { Ctx, ReadCtx } from "./context.js";

export function writeOnGroup<T>(
  ctx: ReadCtx,
  id: string,
  fn: (tx: Tx, group: GroupRecord) => Promise<T>,
): Promise<T> {
  return writeOnRecord(ctx, (tx) => visibleGroup(tx, ctx.principal, id), fn);
}

export function writeOnEnrolment<T>(
  ctx: ReadCtx,
  id: string,
  fn: (tx: Tx, found: { enrolment: EnrolmentRecord; group: GroupRecord }) => Promise<T>,
): Promise<T> {
  return writeOnRecord(ctx, (tx) => visibleEnrolment(tx, ctx.principal, id), fn);
}

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
