// How a verb that changes a conference (its schedule and invitees, an item, a decision) starts its
// write: the conference, if the caller organises it; then a retry's stored answer; then the rule
// that a cancelled conference takes no changes.
import type { Tx } from "@relais/db";
import { writeOnRecord } from "@relais/service-kit";
import type * as schema from "../db/schema.js";
import { type ConferenceRow, organisedConference } from "../db/store.js";
import { assertConferenceOpen } from "../domain/access.js";
import type { Ctx } from "./deps.js";

export function writeOnOpenConference<T>(
  ctx: Ctx,
  id: string,
  fn: (tx: Tx<typeof schema>, conference: ConferenceRow) => Promise<T>,
): Promise<T> {
  return writeOnRecord(
    ctx,
    (tx) => organisedConference(tx, ctx.principal, id),
    async (tx, conference) => {
      assertConferenceOpen(conference);
      return fn(tx, conference);
    },
  );
}
