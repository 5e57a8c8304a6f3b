// Which team holds which person's call-back task, as referrals announces it (`callback.opened`,
// `.due`, `.overdue`, `.closed`; one consumer per subject, so they arrive in any order). The team
// is that of the announcement made last (a coordinator's assignment is announced as an opening). A
// caseworker acts for a person (reaches their contact in notifications, asks housing for a place
// for them) only through an open task of one of their teams, or one closed less than a service's
// recency window ago. Each service that scopes by it holds its own copy of the table.
import { consumerOf } from "@relais/bus";
import { CallbackClosed, CallbackOpened } from "@relais/contracts";
import { type Executor, rowExists } from "@relais/db";
import { eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One call-back task: its person, the team that holds it, and whether it is still open. */
export const teamTasks = sqliteTable(
  "team_tasks",
  {
    taskId: text("task_id").primaryKey(),
    orgId: text("org_id").notNull(),
    personRef: text("person_ref").notNull(),
    team: text("team").notNull(),
    role: text("role", { enum: ["victim", "author"] }).notNull(),
    referralId: text("referral_id").notNull(),
    /** When the task was opened (or first heard of, for a task announced only when due). */
    since: text("since").notNull(),
    /**
     * The moment of the announcement `team` comes from: a later announcement (a reassignment) moves
     * the task, an older one arriving late never moves it back. Null for rows recorded before this
     * column: read as `since`.
     */
    teamSince: text("team_since"),
    /** When it was closed; null while open. */
    until: text("until"),
    outcome: text("outcome"),
  },
  (t) => [index("team_tasks_person").on(t.orgId, t.personRef)],
);

export interface TaskFact {
  orgId: string;
  taskId: string;
  referralId: string;
  personRef: string;
  role: "victim" | "author";
  team: string;
  /** When it was opened, or when this service first heard of it. */
  at: string;
}

function taskRow(task: TaskFact, teamSince: string) {
  const { taskId, orgId, personRef, team, role, referralId } = task;
  return { taskId, orgId, personRef, team, role, referralId, since: task.at, teamSince };
}

// The team of the latest announcement wins; on the same moment, the one that arrives last.
const recordedTeamSince = sql`coalesce(${teamTasks.teamSince}, ${teamTasks.since})`;
const newer = sql`excluded.team_since >= ${recordedTeamSince}`;
const latestTeam = {
  team: sql`case when ${newer} then excluded.team else ${teamTasks.team} end`,
  teamSince: sql`case when ${newer} then excluded.team_since else ${recordedTeamSince} end`,
};

/**
 * An open (or due, or overdue) task. `at` is also the moment of the announcement: a coordinator's
 * assignment is announced as a new opening by the new team, which moves the task (and access to the
 * person's contact) to it; an announcement made before it and arriving after it changes nothing.
 */
export async function rememberTask(tx: Executor, task: TaskFact): Promise<void> {
  await tx
    .insert(teamTasks)
    .values(taskRow(task, task.at))
    .onConflictDoUpdate({
      target: teamTasks.taskId,
      // Opened and due arrive on two consumers: keep the earliest moment heard of.
      set: { since: sql`min(${teamTasks.since}, excluded.since)`, ...latestTeam },
    });
}

/** A closed task: its team keeps access for the recency window from `closedAt`. */
export async function closeTask(
  tx: Executor,
  task: TaskFact & { outcome: string; closedAt: string },
): Promise<void> {
  await tx
    .insert(teamTasks)
    // The closing names the team that held the task when it was closed.
    .values({ ...taskRow(task, task.closedAt), until: task.closedAt, outcome: task.outcome })
    .onConflictDoUpdate({
      target: teamTasks.taskId,
      set: { until: task.closedAt, outcome: task.outcome, ...latestTeam },
    });
}

/** Whether one of `teams` holds an open or recently closed task for the person in the organisation. */
export async function teamsReach(
  db: Executor,
  input: { orgId: string; personRef: string; teams: string[]; now: Date; accessAfterCloseMs: number },
): Promise<boolean> {
  if (input.teams.length === 0) return false;
  const since = new Date(input.now.getTime() - input.accessAfterCloseMs).toISOString();
  return rowExists(db, teamTasks, [
    eq(teamTasks.orgId, input.orgId),
    eq(teamTasks.personRef, input.personRef),
    inArray(teamTasks.team, input.teams),
    or(isNull(teamTasks.until), gte(teamTasks.until, since)),
  ]);
}

/**
 * The opening and the closing of each task, on durable consumers named after the service
 * (`<service>-callback-opened`, `<service>-callback-closed`).
 */
export function teamTaskConsumers(service: string) {
  return [
    consumerOf(CallbackOpened, `${service}-callback-opened`, async (tx, event) => {
      const { data, orgId } = event;
      await rememberTask(tx, { ...data, orgId, at: data.openedAt });
    }),
    consumerOf(CallbackClosed, `${service}-callback-closed`, async (tx, event) => {
      const { data, orgId, occurredAt } = event;
      await closeTask(tx, { ...data, orgId, at: occurredAt });
    }),
  ];
}
