// Fills the current criticality grid for a task's person. A level above the task's re-plans its due
// time and SLA deadline at once (domain/sla.ts) and escalates: the task shows in the coordinators'
// escalations and `referrals.callback.escalated` alerts the team, in the same transaction. A lower
// level changes nothing already planned: the task keeps its level and times (README "Criticality grid").
import { enqueue } from "@relais/bus";
import { CallbackEscalated, createEvent, newId, type RiskLevel } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { Conflict, Invalid, recordAudit, type SealedBox } from "@relais/service-kit";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { currentGrid, gridVersion, type StoredGrid } from "../db/criticality-grids.js";
import type * as schema from "../db/schema.js";
import { callbackTasks, criticalityAssessments, referrals } from "../db/schema.js";
import { personOf, type TaskRow, visibleTask } from "../db/task-access.js";
import type { AssessmentInput, IntakeAssessmentInput } from "../domain/assessment-input.js";
import { type Answers, isRaised, scoreAnswers } from "../domain/criticality.js";
import { openPerson } from "../domain/person-view.js";
import { RISK_RANK } from "../domain/policy.js";
import { replanForRaisedRisk } from "../domain/sla.js";
import { alertRef } from "../domain/task-events.js";
import type { TeamCtx } from "./deps.js";
import { writeOnTask } from "./task-verb.js";

type AssessmentRow = typeof criticalityAssessments.$inferSelect;

export interface AssessmentView {
  id: string;
  source: "intake" | "callback";
  gridVersion: number;
  score: number;
  riskLevel: RiskLevel;
  previousRiskLevel: RiskLevel | null;
  raised: boolean;
  answers: Answers;
  assessedAt: string;
  assessedBy: string;
}

function view(box: SealedBox, row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    source: row.source,
    gridVersion: row.gridVersion,
    score: row.score,
    riskLevel: row.riskLevel,
    previousRiskLevel: row.previousRiskLevel,
    raised: row.raised,
    answers: JSON.parse(box.open(row.answers)) as Answers,
    assessedAt: row.assessedAt,
    assessedBy: row.assessedBy,
  };
}

/** The grid to score against: the current version, which the caller's version must be. */
async function gridFor(
  tx: Executor<typeof schema>,
  orgId: string,
  version: number | undefined,
  field: string,
) {
  const grid = await currentGrid(tx, orgId);
  if (!grid) throw new Conflict("Your organisation has no criticality grid yet", "no_grid");
  if (version !== undefined && version !== grid.version) {
    throw new Conflict(
      `Grid version ${version} is superseded by version ${grid.version}`,
      "grid_superseded",
      [
        {
          path: field,
          code: "stale_version",
          params: { version: grid.version },
          message: `The current version is ${grid.version}`,
        },
      ],
    );
  }
  return grid;
}

function scoreOrThrow(grid: StoredGrid, answers: Answers, field: string) {
  const scored = scoreAnswers(grid.definition, answers, field);
  if (!scored.ok) throw new Invalid("The answers do not fit the grid", scored.errors);
  return scored;
}

export interface Assessed {
  assessment: AssessmentView;
  task: TaskRow;
}

export async function assessCriticality(
  ctx: TeamCtx,
  { taskId, input }: { taskId: string; input: AssessmentInput },
): Promise<Assessed> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return writeOnTask(ctx, taskId, async (tx, task) => {
    const grid = await gridFor(tx, principal.org, input.gridVersion, "gridVersion");
    const scored = scoreOrThrow(grid, input.answers, "answers");
    const raised = task.status === "open" && isRaised(task.riskLevel, scored.level);
    let updated = task;
    if (raised) {
      const [referral] = await tx
        .select({ createdAt: referrals.createdAt })
        .from(referrals)
        .where(eq(referrals.id, task.referralId));
      const person = await personOf(tx, task.personRef);
      const plan = replanForRaisedRisk({
        filedAt: new Date(referral?.createdAt ?? task.createdAt),
        now,
        riskLevel: scored.level,
        windows: openPerson(ctx.box, person).preferences.safeWindows,
        zone: person.timeZone,
        policy: ctx.policy,
        current: { dueAt: new Date(task.dueAt), slaDeadline: new Date(task.slaDeadline) },
      });
      const [replanned] = await tx
        .update(callbackTasks)
        .set({
          riskLevel: scored.level,
          riskRank: RISK_RANK[scored.level],
          dueAt: plan.dueAt.toISOString(),
          slaDeadline: plan.slaDeadline.toISOString(),
          escalatedAt: now.toISOString(),
        })
        .where(eq(callbackTasks.id, task.id))
        .returning();
      updated = replanned!;
      await enqueue(
        tx,
        createEvent(CallbackEscalated, {
          orgId: task.orgId,
          source: "referrals",
          correlationId: requestId,
          occurredAt: now,
          data: {
            ...alertRef(task),
            riskLevel: scored.level,
            previousRiskLevel: task.riskLevel,
            dueAt: updated.dueAt,
            slaDeadline: updated.slaDeadline,
            reason: "risk_raised",
          },
        }),
      );
    }
    const [row] = await tx
      .insert(criticalityAssessments)
      .values({
        id: `cra_${newId()}`,
        orgId: task.orgId,
        referralId: task.referralId,
        personRef: task.personRef,
        taskId: task.id,
        source: "callback",
        gridVersion: grid.version,
        answers: ctx.box.seal(JSON.stringify(scored.answers)),
        score: scored.score,
        riskLevel: scored.level,
        previousRiskLevel: task.riskLevel,
        raised,
        assessedBy: principal.sub,
        assessedAt: now.toISOString(),
      })
      .returning();
    await recordAudit(tx, {
      principal,
      action: "criticality.assess",
      recordType: "callback",
      recordId: task.id,
      requestId,
      at: now,
    });
    return { assessment: view(ctx.box, row!), task: updated };
  });
}

/**
 * The person's assessments, newest first: those filled on their tasks and the police's at intake
 * (the referral's). Only through a task the caller may see; audited.
 */
export async function listAssessments(
  ctx: TeamCtx,
  { taskId }: { taskId: string },
): Promise<AssessmentView[]> {
  const { principal, scope, requestId } = ctx;
  const task = await visibleTask(ctx.database.db, principal, scope, taskId);
  const a = criticalityAssessments;
  const rows = await ctx.database.db
    .select()
    .from(a)
    .where(
      and(
        eq(a.orgId, principal.org),
        eq(a.referralId, task.referralId),
        or(eq(a.personRef, task.personRef), isNull(a.personRef)),
      ),
    )
    .orderBy(desc(a.assessedAt), desc(a.id));
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "criticality.read",
      recordType: "callback",
      recordId: task.id,
      requestId,
      at: ctx.clock.now(),
    }),
  );
  return rows.map((row) => view(ctx.box, row));
}

/**
 * The police's answers at intake, scored inside the intake transaction (one read of the current
 * grid); `record` inserts the assessment once the referral row exists. The level raises the tasks'.
 */
export async function scoreIntake(tx: Executor<typeof schema>, orgId: string, input: IntakeAssessmentInput) {
  // The police's records system may lag a publication: any published version it names is scored
  // as that version (the assessment names it), so a referral is never refused for it.
  const grid =
    input.gridVersion === undefined
      ? await gridFor(tx, orgId, undefined, "assessment.gridVersion")
      : await gridVersion(tx, orgId, input.gridVersion);
  if (!grid) {
    throw new Conflict(`No grid version ${input.gridVersion}`, "unknown_grid_version", [
      {
        path: "assessment.gridVersion",
        code: "unknown_reference",
        message: "Not a published version (GET /v1/criticality-grids/current)",
      },
    ]);
  }
  const scored = scoreOrThrow(grid, input.answers, "assessment.answers");
  return { grid, ...scored };
}

export async function recordIntakeAssessment(
  tx: Executor<typeof schema>,
  box: SealedBox,
  intake: Awaited<ReturnType<typeof scoreIntake>>,
  at: { orgId: string; referralId: string; by: string; now: string },
) {
  await tx.insert(criticalityAssessments).values({
    id: `cra_${newId()}`,
    orgId: at.orgId,
    referralId: at.referralId,
    personRef: null,
    taskId: null,
    source: "intake",
    gridVersion: intake.grid.version,
    answers: box.seal(JSON.stringify(intake.answers)),
    score: intake.score,
    riskLevel: intake.level,
    previousRiskLevel: null,
    raised: false,
    assessedBy: at.by,
    assessedAt: at.now,
  });
}
