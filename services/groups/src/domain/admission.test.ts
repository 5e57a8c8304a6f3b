import { describe, expect, it } from "vitest";
import { admissionOpen, promotions, seatFor } from "./admission.js";

const sessions = [
  { startsAt: "2026-02-03T17:00:00Z", endsAt: "2026-02-03T19:00:00Z", status: "cancelled" as const },
  { startsAt: "2026-02-10T17:00:00Z", endsAt: "2026-02-10T19:00:00Z", status: "scheduled" as const },
  { startsAt: "2026-02-17T17:00:00Z", endsAt: "2026-02-17T19:00:00Z", status: "moved" as const },
];

describe("admission", () => {
  it("closes a cohort when its first held session starts", () => {
    expect(admissionOpen("closed", sessions, new Date("2026-02-05T00:00:00Z"))).toBe(true);
    expect(admissionOpen("closed", sessions, new Date("2026-02-10T17:00:00Z"))).toBe(false);
  });

  it("keeps a rolling group open until its last session ends", () => {
    expect(admissionOpen("rolling", sessions, new Date("2026-02-17T18:59:00Z"))).toBe(true);
    expect(admissionOpen("rolling", sessions, new Date("2026-02-17T19:00:00Z"))).toBe(false);
    expect(admissionOpen("rolling", [], new Date("2026-01-01T00:00:00Z"))).toBe(false);
  });

  it("seats while there is room, promotes no more than the free seats, and none when closed", () => {
    expect(seatFor(9, 10)).toBe("enrolled");
    expect(seatFor(10, 10)).toBe("waitlisted");
    expect(promotions(9, 10, 5, true)).toBe(1);
    expect(promotions(7, 10, 2, true)).toBe(2);
    expect(promotions(12, 10, 2, true)).toBe(0);
    expect(promotions(9, 10, 5, false)).toBe(0);
  });
});
