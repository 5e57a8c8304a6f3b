// Sets or corrects the mandate of a perpetrator-programme participant after enrolment (a court
// order that arrives late, a mistyped case reference or required number of sessions), then
// re-evaluates compliance: a lower requirement can clear a breach, a higher one can raise it.
import type { Database } from "@relais/db";
import { type Clock, Conflict, Invalid, type Principal, recordAudit } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type EnrolmentRecord, type Mandate, visibleEnrolment } from "../db/enrolment-store.js";
import { enrolments } from "../db/schema.js";
import type { ComplianceState } from "../domain/compliance.js";
import { reviewCompliance } from "./review-compliance.js";

export async function setMandate(
  deps: { database: Database; clock: Clock },
  principal: Principal,
  id: string,
  mandate: Mandate,
  requestId?: string,
): Promise<{ enrolment: EnrolmentRecord; compliance: ComplianceState | null }> {
  return deps.database.write(async (tx) => {
    const { enrolment, group } = await visibleEnrolment(tx, principal, id);
    if (group.kind !== "perpetrator")
      throw new Invalid("Only perpetrator programmes take a mandate", [
        { path: "mandate", message: "Only for perpetrator groups" },
      ]);
    // An ended enrolment's record is closed: its report stands as it was when it ended.
    if (enrolment.status !== "enrolled" && enrolment.status !== "waitlisted")
      throw new Conflict(`This enrolment has already ended (${enrolment.status})`, "enrolment_ended");
    await tx
      .update(enrolments)
      .set({ mandate: JSON.stringify(mandate) })
      .where(eq(enrolments.id, id));
    const updated: EnrolmentRecord = { ...enrolment, mandate };
    const now = deps.clock.now();
    // Like a cancellation, only seated participants are held to the policy; the waitlisted have
    // no sessions to attend yet.
    const compliance =
      updated.status === "enrolled" ? await reviewCompliance(tx, group, updated, now, requestId) : null;
    await recordAudit(tx, {
      principal,
      action: enrolment.mandate ? "mandate.correct" : "mandate.set",
      recordType: "enrolment",
      recordId: id,
      requestId,
    });
    return { enrolment: updated, compliance };
  });
}
