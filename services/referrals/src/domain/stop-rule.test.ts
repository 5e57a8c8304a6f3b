import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./policy.js";
import { deriveReferralStatus } from "./referral-state.js";
import { assignTeam, COORDINATOR_QUEUE, municipalityKey } from "./routing.js";
import { decideAfterFailure } from "./stop-rule.js";

const BRUSSELS = "Europe/Brussels";
const mornings = [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "12:00" }];
const local = (iso: string) => DateTime.fromISO(iso, { zone: BRUSSELS }).toJSDate();
const show = (date: Date) =>
  DateTime.fromJSDate(date, { zone: BRUSSELS }).toISO({ suppressMilliseconds: true });
const decide = (failed: string[]) =>
  decideAfterFailure({
    failedAt: failed.map(local),
    windows: mornings,
    zone: BRUSSELS,
    policy: DEFAULT_POLICY,
  });

describe("stop rule", () => {
  it("retries after the gap, inside the next safe window", () => {
    const next = decide(["2026-11-23T09:30"]);
    expect(next.kind === "retry" && show(next.dueAt)).toBe("2026-11-23T11:30:00+01:00");
    const late = decide(["2026-11-23T11:00"]);
    expect(late.kind === "retry" && show(late.dueAt)).toBe("2026-11-24T09:00:00+01:00");
  });

  it("closes as unreachable after 3 failures over 2 working days", () => {
    expect(decide(["2026-11-23T09:10", "2026-11-23T11:30", "2026-11-24T09:05"])).toEqual({
      kind: "unreachable",
    });
  });

  it("does not stop after 3 failures on one day: the last try moves to another working day", () => {
    const next = decide(["2026-11-23T09:00", "2026-11-23T10:00", "2026-11-23T11:00"]);
    expect(next.kind === "retry" && show(next.dueAt)).toBe("2026-11-24T09:00:00+01:00");
    const second = decide(["2026-11-20T09:00", "2026-11-20T11:10"]);
    // Friday's second failure: the third attempt waits for Monday, the next working day.
    expect(second.kind === "retry" && show(second.dueAt)).toBe("2026-11-23T09:00:00+01:00");
  });
});

describe("referral state", () => {
  const open = (attempts = 0) => ({ status: "open" as const, outcome: null, attempts });
  const closed = (outcome: "accepted" | "declined" | "referred_elsewhere" | "unreachable") => ({
    status: "closed" as const,
    outcome,
    attempts: 1,
  });
  it("follows its tasks", () => {
    expect(deriveReferralStatus([])).toBe("closed");
    expect(deriveReferralStatus([open()])).toBe("received");
    expect(deriveReferralStatus([open(1), open()])).toBe("contacting");
    expect(deriveReferralStatus([closed("accepted"), open()])).toBe("in_support");
    expect(deriveReferralStatus([closed("declined"), closed("unreachable")])).toBe("declined");
    expect(deriveReferralStatus([closed("referred_elsewhere"), closed("declined")])).toBe(
      "referred_elsewhere",
    );
    expect(deriveReferralStatus([closed("unreachable")])).toBe("unreachable");
  });
});

describe("routing", () => {
  it("normalises municipality names and falls back to the coordinators' queue", () => {
    expect(municipalityKey(" Liège ")).toBe(municipalityKey("LIEGE"));
    expect(municipalityKey("Heist-op-den-Berg")).toBe(municipalityKey("heist op den berg"));
    const routes = [{ role: "victim" as const, team: "t-v", teamEmail: null }];
    expect(assignTeam(routes, "victim")).toEqual({ team: "t-v", teamEmail: null, routed: true });
    expect(assignTeam(routes, "author")).toEqual({ team: COORDINATOR_QUEUE, teamEmail: null, routed: false });
  });
});
