// A group's participants and waitlist, a page at a time (waitlist in arrival order), audited:
// the list names people.
import { audit, decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { type EnrolmentRecord, type EnrolmentStatus, toEnrolmentRecord } from "../db/enrolment-store.js";
import { visibleGroup } from "../db/group-store.js";
import { enrolments } from "../db/schema.js";
import type { ReadCtx } from "./context.js";
import { waitlistPositions } from "./enrol-participant.js";

const SeqCursor = z.object({ seq: z.number().int() });

export interface EnrolmentPage {
  items: Array<{ enrolment: EnrolmentRecord; position: number | null }>;
  nextCursor: string | null;
}

export async function listEnrolments(
  ctx: ReadCtx,
  input: { groupId: string; limit: number; cursor?: string; status?: EnrolmentStatus },
): Promise<EnrolmentPage> {
  const { principal } = ctx;
  const after = decodeCursor(input.cursor, SeqCursor);
  const { db } = ctx.database;
  const group = await visibleGroup(db, principal, input.groupId);
  const rows = await db
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.groupId, group.id),
        input.status ? eq(enrolments.status, input.status) : undefined,
        after ? gt(enrolments.seq, after.seq) : undefined,
      ),
    )
    .orderBy(asc(enrolments.seq))
    .limit(input.limit + 1);
  const positions = await waitlistPositions(db, group.id);
  await ctx.database.write((tx) =>
    audit(tx, { principal: principal, requestId: ctx.requestId }, "enrolments.read", {
      type: "group",
      id: group.id,
    }),
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      enrolment: toEnrolmentRecord(row),
      position: positions.get(row.id) ?? null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ seq: last.seq }) : null,
  };
}
