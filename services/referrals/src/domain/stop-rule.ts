// After a failed attempt: close the task as unreachable, or say when to try again.
import type { SafeWindow } from "@relais/contracts";
import { nextSafeMoment } from "@relais/safe-windows";
import { DateTime } from "luxon";
import type { ReferralPolicy } from "./policy.js";

export const ATTEMPT_OUTCOMES = [
  "reached",
  "no_answer",
  "voicemail_left",
  "unsafe_to_talk",
  "wrong_number",
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export type AfterFailure = { kind: "unreachable" } | { kind: "retry"; dueAt: Date };

/** Monday to Friday in the person's zone; public holidays are not modelled. */
export function workingDay(at: Date, zone: string): string | null {
  const local = DateTime.fromJSDate(at, { zone });
  return local.weekday <= 5 ? local.toISODate() : null;
}

export function decideAfterFailure(input: {
  /** Times of every failed attempt so far, this one included. */
  failedAt: Date[];
  windows: SafeWindow[];
  zone: string;
  policy: Pick<ReferralPolicy, "maxFailedAttempts" | "minAttemptWorkingDays" | "retryGapMinutes">;
}): AfterFailure {
  const { failedAt, windows, zone, policy } = input;
  const last = new Date(Math.max(...failedAt.map((at) => at.getTime())));
  const days = new Set(failedAt.map((at) => workingDay(at, zone)).filter((d) => d !== null));
  if (failedAt.length >= policy.maxFailedAttempts && days.size >= policy.minAttemptWorkingDays) {
    return { kind: "unreachable" };
  }
  let from = new Date(last.getTime() + policy.retryGapMinutes * 60_000);
  if (failedAt.length >= policy.maxFailedAttempts - 1 && days.size < policy.minAttemptWorkingDays) {
    // The remaining attempts must land on another working day for the stop rule to be fair.
    from = nextWorkingDayStart(last, zone, days);
  }
  const dueAt = nextSafeMoment(windows, zone, from);
  // Only windows of no length leave no safe moment, and the contract refuses those on input.
  if (!dueAt) return { kind: "unreachable" };
  return { kind: "retry", dueAt };
}

function nextWorkingDayStart(after: Date, zone: string, used: Set<string>): Date {
  let day = DateTime.fromJSDate(after, { zone }).startOf("day").plus({ days: 1 });
  while (day.weekday > 5 || used.has(day.toISODate() ?? "")) day = day.plus({ days: 1 });
  return day.toJSDate();
}
