// A referral's status follows its call-back tasks (DESIGN.md lists the states).
import type { ReferralStatus } from "@relais/contracts";

export type TaskOutcome = "accepted" | "declined" | "referred_elsewhere" | "unreachable";

export interface TaskState {
  status: "open" | "closed";
  outcome: TaskOutcome | null;
  attempts: number;
}

export function deriveReferralStatus(tasks: TaskState[]): ReferralStatus {
  // Nobody may be contacted: there is nothing to follow, and the police see why per person.
  if (tasks.length === 0) return "closed";
  if (tasks.some((t) => t.outcome === "accepted")) return "in_support";
  if (tasks.some((t) => t.status === "open")) {
    return tasks.some((t) => t.attempts > 0) ? "contacting" : "received";
  }
  if (tasks.some((t) => t.outcome === "referred_elsewhere")) return "referred_elsewhere";
  if (tasks.some((t) => t.outcome === "declined")) return "declined";
  return "unreachable";
}

/** A referral is finished, and its retention clock starts, once no task is open. */
export function isSettled(tasks: TaskState[]): boolean {
  return tasks.every((t) => t.status === "closed");
}
