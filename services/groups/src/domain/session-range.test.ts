import { describe, expect, it } from "vitest";
import { MAX_RANGE_DAYS, sessionRange } from "./session-range.js";

describe("sessionRange", () => {
  it("turns offset instants into the stored UTC text", () => {
    expect(sessionRange("2027-03-22T00:00:00+01:00", "2027-03-29T00:00:00+02:00")).toEqual({
      ok: true,
      from: "2027-03-21T23:00:00Z",
      to: "2027-03-28T22:00:00Z",
    });
  });

  it("refuses an empty or reversed range", () => {
    expect(sessionRange("2027-03-22T00:00:00Z", "2027-03-22T00:00:00Z")).toMatchObject({ ok: false });
    expect(sessionRange("2027-03-23T00:00:00Z", "2027-03-22T00:00:00Z")).toMatchObject({ ok: false });
  });

  it("covers a month view but not more", () => {
    const from = "2027-03-01T00:00:00Z";
    const within = new Date(Date.parse(from) + MAX_RANGE_DAYS * 86_400_000).toISOString();
    const beyond = new Date(Date.parse(from) + MAX_RANGE_DAYS * 86_400_000 + 1000).toISOString();
    expect(sessionRange(from, within)).toMatchObject({ ok: true });
    expect(sessionRange(from, beyond)).toMatchObject({ ok: false });
  });
});
