import { enqueueEvent } from "@relais/bus";
import { SessionCancelled } from "@relais/contracts";
import { audit } from "@relais/service-kit";
import { and, eq, isNotNull } from "drizzle-orm";
import { toEnrolmentRecord } from "../db/enrolment-store.js";
import {
  bumpSequence,
  type GroupRecord,
  groupSessions,
  type SessionRecord,
  seriesSnapshot,
} from "../db/group-store.js";
import { enrolments, sessions } from "../db/schema.js";
import { fromGroups } from "../domain/event-origin.js";
import type { Ctx } from "./context.js";
import { writeOnChangeableSession } from "./record-verbs.js";
import { reviewCompliance } from "./review-compliance.js";

export interface CancelledSession {
  group: GroupRecord;
  session: SessionRecord;
}

export async function cancelSession(
  ctx: Ctx,
  { id, reason }: { id: string; reason?: string },
): Promise<CancelledSession> {
  const { principal, requestId } = ctx;
  return writeOnChangeableSession(ctx, id, async (tx, { group: before, session }, now) => {
    await tx
      .update(sessions)
      .set({ status: "cancelled", cancelReason: reason ?? null })
      .where(eq(sessions.id, id));
    const group = await bumpSequence(tx, before, now.toISOString());
    const after = await groupSessions(tx, group.id);
    await enqueueEvent(tx, SessionCancelled, fromGroups(principal.org, requestId, now), {
      groupId: group.id,
      sessionId: id,
      originalStartsAt: session.originalStartsAt,
      ...(reason ? { reason } : {}),
      series: seriesSnapshot(group, after),
    });
    // One session fewer changes what a mandated participant must attend.
    if (group.kind === "perpetrator") {
      const mandated = await tx
        .select()
        .from(enrolments)
        .where(
          and(
            eq(enrolments.groupId, group.id),
            eq(enrolments.status, "enrolled"),
            isNotNull(enrolments.mandate),
          ),
        );
      for (const row of mandated) await reviewCompliance(tx, group, toEnrolmentRecord(row), now, requestId);
    }
    await audit(tx, ctx, "session.cancel", { type: "session", id });
    return { group, session: after.find((s) => s.id === id)! };
  });
}
