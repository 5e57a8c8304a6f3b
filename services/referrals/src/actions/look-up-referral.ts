// Coordinators find a referral by the police's incident reference. Every look-up is audited, the
// ones that find nothing too: a reference is itself a lead to a person.
import { ReferralStatus } from "@relais/contracts";
import { recordAudit } from "@relais/service-kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import { callbackTasks, persons, referrals } from "../db/schema.js";
import { taskSummary } from "../domain/task-events.js";
import type { Ctx } from "./deps.js";

export async function lookUpReferral(ctx: Ctx, { incidentReference }: { incidentReference: string }) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return ctx.database.write(async (tx) => {
    const found = await tx
      .select()
      .from(referrals)
      .where(
        and(
          eq(referrals.orgId, principal.org),
          eq(sql`lower(${referrals.incidentReference})`, incidentReference.trim().toLowerCase()),
        ),
      )
      .limit(20);
    const ids = found.map((r) => r.id);
    const people = ids.length
      ? await tx
          .select({ personRef: persons.personRef, referralId: persons.referralId, role: persons.role })
          .from(persons)
          .where(inArray(persons.referralId, ids))
      : [];
    const tasks = ids.length
      ? await tx.select().from(callbackTasks).where(inArray(callbackTasks.referralId, ids))
      : [];
    for (const id of ids.length ? ids : ["-"]) {
      await recordAudit(tx, {
        principal,
        action: "referral.lookup",
        recordType: "referral",
        recordId: id,
        requestId,
        at: now,
      });
    }
    return found.map((r) => ({
      id: r.id,
      incidentReference: r.incidentReference,
      policeZone: r.policeZone,
      municipality: r.municipality,
      riskLevel: r.riskLevel,
      status: ReferralStatus.parse(r.status),
      createdAt: r.createdAt,
      firstContactAt: r.firstContactAt,
      persons: people
        .filter((p) => p.referralId === r.id)
        .map((p) => {
          const task = tasks.find((t) => t.personRef === p.personRef);
          return {
            personRef: p.personRef,
            role: p.role,
            task: task ? { ...taskSummary(task), attempts: task.attempts } : null,
          };
        }),
    }));
  });
}
