// Which team holds which person's call-back task, as referrals announces it (`callback.opened`,
// `.due`, `.overdue`, `.closed`; one consumer per subject, so they arrive in any order). The team
// is that of the announcement made last (a coordinator's assignment is announced as an opening). A
// caseworker reaches a person's contact only through an open task of one of their teams, or one
// closed less than `contactAccessMs` ago.
import { type Executor, rowExists } from "@relais/db";
import { eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { teamTasks } from "./schema.js";

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
