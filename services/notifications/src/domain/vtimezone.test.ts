import { describe, expect, it } from "vitest";
import { buildVtimezone, findTransitions } from "./vtimezone.js";

describe("VTIMEZONE", () => {
  it("finds Brussels' two changes of 2026 to the minute", () => {
    const changes = findTransitions(
      "Europe/Brussels",
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-12-31T00:00:00Z"),
    );
    expect(changes.map((c) => [c.at.toUTC().toISO(), c.from, c.to])).toEqual([
      ["2026-03-29T01:00:00.000Z", 60, 120],
      ["2026-10-25T01:00:00.000Z", 120, 60],
    ]);
  });

  it("finds every change of a span across years once, however the span is cut", () => {
    const whole = findTransitions(
      "Europe/Brussels",
      new Date("2025-06-01T00:00:00Z"),
      new Date("2027-06-01T00:00:00Z"),
    );
    expect(whole.map((c) => c.at.toUTC().toISO())).toEqual([
      "2025-10-26T01:00:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2027-03-28T01:00:00.000Z",
    ]);
    const tail = findTransitions(
      "Europe/Brussels",
      new Date("2026-03-29T01:00:00Z"),
      new Date("2026-12-31T00:00:00Z"),
    );
    expect(tail.map((c) => c.at.toUTC().toISO())).toEqual(["2026-10-25T01:00:00.000Z"]);
  });

  it("writes each change at the local wall-clock time it happens", () => {
    const block = buildVtimezone(
      "Europe/Brussels",
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-12-31T00:00:00Z"),
    );
    expect(block).toContain(
      "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200",
    );
    expect(block).toContain(
      "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100",
    );
  });

  it("describes a zone without changes by its fixed offset", () => {
    const block = buildVtimezone(
      "Asia/Kolkata",
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-12-31T00:00:00Z"),
    );
    expect(block).toContain("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530");
  });
});
