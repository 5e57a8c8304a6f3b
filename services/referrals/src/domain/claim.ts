// What holding a call-back task's claim means: a lease, unexpired, of the caller's own, on an open
// task; attempts and outcomes need it, and closing or releasing the task gives it up.
import { Conflict, type Principal } from "@relais/service-kit";

/** The caller must hold an unexpired claim to log attempts and outcomes. */
export function assertHolds(
  task: { status: string; claimedBy: string | null; claimExpiresAt: string | null },
  principal: Principal,
  now: Date,
): void {
  if (task.status === "closed") throw new Conflict("This task is closed", "task_closed");
  if (task.claimedBy !== principal.sub || !task.claimExpiresAt || task.claimExpiresAt <= now.toISOString()) {
    throw new Conflict("Claim this task first (POST /v1/callbacks/{id}/claim)", "not_claimed");
  }
}

export const releaseClaim = { claimedBy: null, claimExpiresAt: null } as const;
