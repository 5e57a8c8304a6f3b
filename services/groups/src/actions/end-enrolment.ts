// Ends an enrolment (withdrawn, excluded or completed) and gives a freed seat to the waitlist.
import { enqueueEvent } from "@relais/bus";
import { EnrolmentEnded } from "@relais/contracts";
import { audit, Conflict } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type EnrolmentRecord, enrolmentRef } from "../db/enrolment-store.js";
import { groupSessions, seriesSnapshot } from "../db/group-store.js";
import { enrolments } from "../db/schema.js";
import { fromGroups } from "../domain/event-origin.js";
import type { Ctx } from "./context.js";
import { promoteWaitlist } from "./promote-waitlist.js";
import { writeOnEnrolment } from "./record-verbs.js";

export type EndStatus = "withdrawn" | "excluded" | "completed";

export interface EndedEnrolment {
  enrolment: EnrolmentRecord;
  promoted: string[];
}

export async function endEnrolment(
  ctx: Ctx,
  { id, outcome }: { id: string; outcome: { status: EndStatus; reason?: string } },
): Promise<EndedEnrolment> {
  const { principal, requestId } = ctx;
  return writeOnEnrolment(ctx, id, async (tx, { enrolment, group }) => {
    if (enrolment.status !== "enrolled" && enrolment.status !== "waitlisted")
      throw new Conflict(`This enrolment has already ended (${enrolment.status})`, "enrolment_ended");
    if (outcome.status === "completed" && enrolment.status === "waitlisted")
      throw new Conflict("Someone on the waitlist cannot complete the group", "not_enrolled");
    const now = ctx.clock.now();
    const at = now.toISOString();
    await tx
      .update(enrolments)
      .set({ status: outcome.status, reason: outcome.reason ?? null, endedAt: at })
      .where(eq(enrolments.id, id));
    const ended: EnrolmentRecord = {
      ...enrolment,
      status: outcome.status,
      reason: outcome.reason ?? null,
      endedAt: at,
    };
    const sessions = await groupSessions(tx, group.id);
    await enqueueEvent(tx, EnrolmentEnded, fromGroups(principal.org, requestId, now), {
      ...enrolmentRef(ended),
      status: outcome.status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      series: seriesSnapshot(group, sessions),
    });
    const promoted = await promoteWaitlist(tx, { group, sessions, now, correlationId: requestId });
    await audit(tx, ctx, `enrolment.${outcome.status}`, { type: "enrolment", id });
    return { enrolment: ended, promoted };
  });
}
