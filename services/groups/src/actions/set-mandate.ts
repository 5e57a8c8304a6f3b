// Sets or corrects the mandate of a perpetrator-programme participant after enrolment (a court
// order that arrives late, a mistyped case reference or required number of sessions), then
// re-evaluates compliance: a lower requirement can clear a breach, a higher one can raise it.
import { audit, Conflict, Invalid } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import type { EnrolmentRecord, Mandate } from "../db/enrolment-store.js";
import { enrolments } from "../db/schema.js";
import type { ComplianceState } from "../domain/compliance.js";
import type { Ctx } from "./context.js";
import { waitlistPositions } from "./enrol-participant.js";
import { writeOnEnrolment } from "./record-verbs.js";
import { reviewCompliance } from "./review-compliance.js";

export interface MandateSet {
  enrolment: EnrolmentRecord;
  compliance: ComplianceState | null;
  /** The enrolment's place on the waitlist, if it waits. */
  position: number | null;
}

export async function setMandate(
  ctx: Ctx,
  { id, mandate }: { id: string; mandate: Mandate },
): Promise<MandateSet> {
  const { requestId } = ctx;
  return writeOnEnrolment(ctx, id, async (tx, { enrolment, group }) => {
    if (group.kind !== "perpetrator")
      throw new Invalid("Only perpetrator programmes take a mandate", [
        { path: "mandate", code: "perpetrator_only", message: "Only for perpetrator groups" },
      ]);
    // An ended enrolment's record is closed: its report stands as it was when it ended.
    if (enrolment.status !== "enrolled" && enrolment.status !== "waitlisted")
      throw new Conflict(`This enrolment has already ended (${enrolment.status})`, "enrolment_ended");
    await tx
      .update(enrolments)
      .set({ mandate: JSON.stringify(mandate) })
      .where(eq(enrolments.id, id));
    const updated: EnrolmentRecord = { ...enrolment, mandate };
    const now = ctx.clock.now();
    // Like a cancellation, only seated participants are held to the policy; the waitlisted have
    // no sessions to attend yet.
    const compliance =
      updated.status === "enrolled" ? await reviewCompliance(tx, group, updated, now, requestId) : null;
    await audit(tx, ctx, enrolment.mandate ? "mandate.correct" : "mandate.set", {
      type: "enrolment",
      id,
    });
    const position = (await waitlistPositions(tx, group.id)).get(id) ?? null;
    return { enrolment: updated, compliance, position };
  });
}
