// Perpetrator-programme compliance: which policy steps a participant's attendance breaches now.
// Evaluated from the whole record on every change, so a correction that undoes a breach clears it.

import { z } from "@hono/zod-openapi";
import { type AttendanceStatus, refusal } from "@relais/contracts";

export const CompliancePolicy = z
  .object({
    steps: z
      .array(
        z.object({
          kind: z.enum(["warning", "suspension"]),
          /** The step is breached at this many unexcused absences. */
          atUnexcusedAbsences: z.number().int().min(1).max(100),
        }),
      )
      .max(10)
      .refine(
        (steps) => new Set(steps.map((s) => s.kind)).size === steps.length,
        refusal("duplicate", "Each step kind at most once"),
      ),
    /** Share of held, non-excused sessions a participant must attend to complete (0–1). */
    completionRatio: z.number().min(0).max(1),
  })
  .openapi("CompliancePolicy");
export type CompliancePolicy = z.infer<typeof CompliancePolicy>;

/** Belgian and UK programmes: a warning at the 2nd unexcused absence, suspension at the 4th, 80 % to complete. */
export const DEFAULT_POLICY: CompliancePolicy = {
  steps: [
    { kind: "warning", atUnexcusedAbsences: 2 },
    { kind: "suspension", atUnexcusedAbsences: 4 },
  ],
  completionRatio: 0.8,
};

export type StepKind = "warning" | "suspension" | "completion_failed";

export interface BreachedStep {
  kind: StepKind;
  threshold: number;
}

export interface ComplianceFacts {
  policy: CompliancePolicy;
  requiredSessions: number;
  /** Held (not cancelled) sessions of the group. */
  sessionIds: readonly string[];
  attendance: ReadonlyMap<string, AttendanceStatus>;
}

export interface ComplianceState {
  attended: number;
  unexcusedAbsences: number;
  excused: number;
  unrecorded: number;
  /** Attended sessions needed to complete. */
  required: number;
  breached: BreachedStep[];
}

export function evaluateCompliance(facts: ComplianceFacts): ComplianceState {
  let attended = 0;
  let unexcusedAbsences = 0;
  let excused = 0;
  let unrecorded = 0;
  for (const sessionId of facts.sessionIds) {
    const status = facts.attendance.get(sessionId);
    if (status === "present" || status === "late") attended++;
    else if (status === "absent") unexcusedAbsences++;
    else if (status === "excused") excused++;
    else unrecorded++;
  }
  // Excused sessions leave the ratio's base; the mandate's required number is a floor regardless.
  const required = Math.max(
    Math.ceil(facts.policy.completionRatio * (facts.sessionIds.length - excused)),
    facts.requiredSessions,
  );
  const breached: BreachedStep[] = facts.policy.steps
    .filter((step) => unexcusedAbsences >= step.atUnexcusedAbsences)
    .map((step) => ({ kind: step.kind, threshold: step.atUnexcusedAbsences }));
  if (attended + unrecorded < required)
    breached.push({ kind: "completion_failed", threshold: facts.policy.completionRatio });
  return { attended, unexcusedAbsences, excused, unrecorded, required, breached };
}

/** Steps to announce (newly breached) and to clear (no longer breached), against those already fired. */
export function diffBreaches(
  fired: readonly StepKind[],
  now: readonly BreachedStep[],
): { fire: BreachedStep[]; clear: StepKind[] } {
  const firedSet = new Set(fired);
  const nowSet = new Set(now.map((s) => s.kind));
  return {
    fire: now.filter((step) => !firedSet.has(step.kind)),
    clear: fired.filter((kind) => !nowSet.has(kind)),
  };
}
