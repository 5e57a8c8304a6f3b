import type { AttendanceStatus } from "@relais/contracts";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, diffBreaches, evaluateCompliance } from "./compliance.js";

const sessionIds = Array.from({ length: 10 }, (_, i) => `s${i + 1}`);

function evaluate(record: Record<string, AttendanceStatus>, requiredSessions = 0) {
  return evaluateCompliance({
    policy: DEFAULT_POLICY,
    requiredSessions,
    sessionIds,
    attendance: new Map(Object.entries(record)),
  });
}

describe("evaluateCompliance", () => {
  it("breaches nothing for a good record", () => {
    expect(evaluate({ s1: "present", s2: "late", s3: "excused" }).breached).toEqual([]);
  });

  it("warns at the 2nd unexcused absence and suspends at the 4th", () => {
    expect(evaluate({ s1: "absent" }).breached).toEqual([]);
    expect(evaluate({ s1: "absent", s2: "absent" }).breached).toEqual([{ kind: "warning", threshold: 2 }]);
    expect(
      evaluate({ s1: "absent", s2: "absent", s3: "absent", s4: "absent" }).breached.map((s) => s.kind),
    ).toEqual(["warning", "suspension", "completion_failed"]);
  });

  it("fails completion once the ratio can no longer be reached, leaving excused sessions out of the base", () => {
    // 10 sessions, 80 %: 3 unexcused absences leave at most 7 of 10.
    const three = evaluate({ s1: "absent", s2: "absent", s3: "absent" });
    expect(three.required).toBe(8);
    expect(three.breached.map((s) => s.kind)).toEqual(["warning", "completion_failed"]);
    // 2 excused: 8 sessions count and 80 % of 8 is 7; 7 unrecorded sessions can still make it.
    const excused = evaluate({ s1: "excused", s2: "excused", s3: "absent" });
    expect(excused.required).toBe(7);
    expect(excused.breached).toEqual([]);
  });

  it("treats the mandate's required sessions as a floor", () => {
    expect(evaluate({}, 11).breached).toEqual([{ kind: "completion_failed", threshold: 0.8 }]);
    expect(evaluate({}, 10).breached).toEqual([]);
  });
});

describe("diffBreaches", () => {
  it("fires only new steps and clears steps no longer breached", () => {
    expect(diffBreaches(["warning"], [{ kind: "warning", threshold: 2 }])).toEqual({ fire: [], clear: [] });
    expect(diffBreaches([], [{ kind: "warning", threshold: 2 }])).toEqual({
      fire: [{ kind: "warning", threshold: 2 }],
      clear: [],
    });
    expect(diffBreaches(["warning", "suspension"], [{ kind: "warning", threshold: 2 }])).toEqual({
      fire: [],
      clear: ["suspension"],
    });
  });
});
