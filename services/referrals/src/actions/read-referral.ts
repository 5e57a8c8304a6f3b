// A referral as a caseworker or coordinator sees it. Caseworkers see the persons, attempts and
// notes of their own teams' tasks only, so victim and author teams never read each other's notes.
import { rowByParams } from "@relais/db";
import { NotFound, recordAudit } from "@relais/service-kit";
import { asc, eq, inArray } from "drizzle-orm";
import { callbackAttempts, callbackTasks, persons, referrals } from "../db/schema.js";
import { inScope } from "../db/task-access.js";
import { openPerson } from "../domain/person-view.js";
import { taskSummary } from "../domain/task-events.js";
import type { TeamCtx } from "./deps.js";

export async function readReferral(ctx: TeamCtx, { id }: { id: string }) {
  const { principal, scope, requestId } = ctx;
  const at = ctx.clock.now();
  const referral = await rowByParams(ctx.database.db, "referrals.readReferral", referrals, {
    id,
    orgId: principal.org,
  });
  if (!referral) throw new NotFound("No referral with this id");
  const [people, tasks] = await Promise.all([
    ctx.database.db.select().from(persons).where(eq(persons.referralId, id)),
    ctx.database.db.select().from(callbackTasks).where(eq(callbackTasks.referralId, id)),
  ]);
  const visible = tasks.filter((task) => inScope(scope, task.team));
  if (scope.kind === "teams" && visible.length === 0) throw new NotFound("No referral with this id");
  const attempts =
    visible.length === 0
      ? []
      : await ctx.database.db
          .select()
          .from(callbackAttempts)
          .where(
            inArray(
              callbackAttempts.taskId,
              visible.map((t) => t.id),
            ),
          )
          .orderBy(asc(callbackAttempts.at));
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "referral.read",
      recordType: "referral",
      recordId: id,
      requestId,
      at,
    }),
  );
  return {
    id: referral.id,
    status: referral.status,
    policeZone: referral.policeZone,
    incidentReference: referral.incidentReference,
    incidentAt: referral.incidentAt,
    kind: referral.kind,
    riskLevel: referral.riskLevel,
    riskScore: referral.riskScore,
    childrenPresent: referral.childrenPresent,
    municipality: referral.municipality,
    firstContactAt: referral.firstContactAt,
    createdAt: referral.createdAt,
    settledAt: referral.settledAt,
    persons: people.map((person) => {
      const task = tasks.find((t) => t.personRef === person.personRef);
      const shown = scope.kind === "organisation" || (task !== undefined && inScope(scope, task.team));
      const base = {
        personRef: person.personRef,
        role: person.role,
        contactable: person.noTaskReason === null,
        reason: person.noTaskReason,
      };
      if (!shown) return base;
      const opened = openPerson(ctx.box, person);
      return {
        ...base,
        displayName: opened.displayName,
        language: person.language,
        timeZone: person.timeZone,
        contact: opened.contact,
        preferences: opened.preferences,
        task: task
          ? {
              ...taskSummary(task),
              outcomeDetail: task.outcomeDetail
                ? (JSON.parse(ctx.box.open(task.outcomeDetail)) as Record<string, unknown>)
                : null,
              dueAt: task.dueAt,
              attempts: attempts
                .filter((a) => a.taskId === task.id)
                .map((a) => ({
                  at: a.at,
                  outcome: a.outcome,
                  channel: a.channel,
                  by: a.by,
                  note: a.note ? ctx.box.open(a.note) : null,
                })),
            }
          : null,
      };
    }),
  };
}
