import { describe, expect, it } from "vitest";
import { weeklySeries } from "../../test/fixtures.js";
import { parseCalendar } from "../../test/ics.js";
import { buildInvite } from "./invite.js";
import { vtimezoneOf } from "./vtimezone.js";

const invite = (timeZone: string) =>
  parseCalendar(
    buildInvite({
      series: weeklySeries({ timeZone }),
      uid: "uid@relais",
      sequence: 0,
      method: "REQUEST",
      recipient: { email: "amina@example.org" },
      organizer: { email: "noreply@relais.local", name: "Relais" },
      summary: "Rendez-vous",
      includeVenue: false,
      now: new Date("2026-02-01T00:00:00Z"),
    }),
  );

describe("VTIMEZONE", () => {
  it("keeps a Brussels series at 18:00 across both changes of 2026, read by ical.js from the file alone", () => {
    const calendar = invite("Europe/Brussels");
    expect(calendar.raw).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels");
    const occurrences = calendar.occurrences(36);
    expect(occurrences.every((o) => o.local.endsWith("T18:00:00"))).toBe(true);
    // The last session before each change and the first after it: the UTC instant moves by the hour.
    expect(occurrences.find((o) => o.local.startsWith("2026-03-24"))?.utc).toBe("2026-03-24T17:00:00.000Z");
    expect(occurrences.find((o) => o.local.startsWith("2026-03-31"))?.utc).toBe("2026-03-31T16:00:00.000Z");
    expect(occurrences.find((o) => o.local.startsWith("2026-10-20"))?.utc).toBe("2026-10-20T16:00:00.000Z");
    expect(occurrences.find((o) => o.local.startsWith("2026-10-27"))?.utc).toBe("2026-10-27T17:00:00.000Z");
  });

  it("describes a zone without changes by its fixed offset", () => {
    expect(vtimezoneOf("Asia/Kolkata")).toContain("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530");
    const occurrences = invite("Asia/Kolkata").occurrences(2);
    expect(occurrences.map((o) => o.utc)).toEqual(["2026-03-03T12:30:00.000Z", "2026-03-10T12:30:00.000Z"]);
  });

  it("writes no block for a zone it does not know", () => {
    expect(vtimezoneOf("Nowhere/Atlantis")).toBeNull();
  });
});
