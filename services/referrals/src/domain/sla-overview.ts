// The coordinator's SLA figures, from task rows alone: where each team's open tasks stand now, and
// how long first contact took against the SLA, per risk level, for tasks filed in a period.
import type { RiskLevel } from "@relais/contracts";

export type { RiskLevel };
export const RISK_LEVELS: RiskLevel[] = ["high", "medium", "low"];

export interface SlaTask {
  team: string;
  routed: boolean;
  riskLevel: RiskLevel;
  status: "open" | "closed";
  outcome: string | null;
  createdAt: string;
  dueAt: string;
  slaDeadline: string;
  reachedAt: string | null;
}

export interface TeamLoad {
  team: string;
  open: number;
  /** Due, deadline not passed yet. */
  dueNow: number;
  /** Not due yet, due within the horizon. */
  dueSoon: number;
  /** Deadline passed with nobody reached. */
  overdue: number;
}

export interface RiskFigures {
  riskLevel: RiskLevel;
  slaHours: number;
  tasks: number;
  reached: number;
  /** Minutes from filing to the first reached attempt; null with no reached task. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinSla: number;
  /** Reached after the deadline, closed unreachable, or still open past it. */
  breached: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function teamLoads(open: SlaTask[], now: Date, soonMs: number): TeamLoad[] {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + soonMs).toISOString();
  const byTeam = new Map<string, TeamLoad>();
  for (const task of open) {
    if (task.status !== "open") continue;
    const load = byTeam.get(task.team) ?? { team: task.team, open: 0, dueNow: 0, dueSoon: 0, overdue: 0 };
    load.open += 1;
    if (!task.reachedAt && task.slaDeadline <= at) load.overdue += 1;
    else if (task.dueAt <= at) load.dueNow += 1;
    else if (task.dueAt <= soon) load.dueSoon += 1;
    byTeam.set(task.team, load);
  }
  return [...byTeam.values()].sort((a, b) => b.overdue - a.overdue || a.team.localeCompare(b.team));
}

export function breached(task: SlaTask, now: Date): boolean {
  if (task.reachedAt) return task.reachedAt > task.slaDeadline;
  if (task.status === "closed") return task.outcome === "unreachable";
  return task.slaDeadline <= now.toISOString();
}

export function riskFigures(filed: SlaTask[], slaHours: Record<RiskLevel, number>, now: Date): RiskFigures[] {
  return RISK_LEVELS.map((riskLevel) => {
    const tasks = filed.filter((t) => t.riskLevel === riskLevel);
    const minutes = tasks
      .filter((t) => t.reachedAt)
      .map((t) => (Date.parse(t.reachedAt!) - Date.parse(t.createdAt)) / 60_000)
      .sort((a, b) => a - b);
    const late = tasks.filter((t) => breached(t, now)).length;
    return {
      riskLevel,
      slaHours: slaHours[riskLevel],
      tasks: tasks.length,
      reached: minutes.length,
      medianMinutes: percentile(minutes, 50),
      p90Minutes: percentile(minutes, 90),
      withinSla: tasks.filter((t) => t.reachedAt && t.reachedAt <= t.slaDeadline).length,
      breached: late,
    };
  });
}
