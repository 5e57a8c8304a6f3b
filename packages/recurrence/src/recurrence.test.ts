import { DomainError } from "@relais/service-kit";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { expandSchedule, MAX_SESSIONS, type Schedule } from "./recurrence.js";
import { RememberingZone } from "./remembering-zone.js";

const tuesdays: Schedule = {
  timeZone: "Europe/Brussels",
  dtstart: "2026-02-03T18:00",
  rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z",
  durationMinutes: 120,
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.errors?.[0]?.path;
    throw error;
  }
  return undefined;
}

describe("RememberingZone", () => {
  it.each([
    "Europe/Brussels",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Africa/Casablanca",
  ])("gives luxon's IANAZone offsets in %s, every 4 days 3 h 7 min from 1880 to 2040", (name) => {
    const zone = new RememberingZone(name);
    const luxon = IANAZone.create(name);
    const differing: number[] = [];
    for (let ts = Date.UTC(1880, 0, 1); ts < Date.UTC(2040, 0, 1); ts += (4 * 1_440 + 187) * 60_000) {
      if (zone.offset(ts) !== luxon.offset(ts)) differing.push(ts);
    }
    expect(differing).toEqual([]);
  });
});

describe("expandSchedule", () => {
  it("keeps 18:00 Brussels time across both daylight-saving changes", () => {
    const { occurrences, rrule, dtstart } = expandSchedule(tuesdays);
    // UNTIL 17:00Z on 24 November is 18:00 local: that session is included.
    expect(occurrences).toHaveLength(43);
    expect(occurrences[0]).toEqual({ startsAt: "2026-02-03T17:00:00Z", endsAt: "2026-02-03T19:00:00Z" });
    // Last Tuesday before the spring change (29 March 2026) and the first after it.
    expect(occurrences.find((o) => o.startsAt.startsWith("2026-03-24"))?.startsAt).toBe(
      "2026-03-24T17:00:00Z",
    );
    expect(occurrences.find((o) => o.startsAt.startsWith("2026-03-31"))?.startsAt).toBe(
      "2026-03-31T16:00:00Z",
    );
    // Autumn change on 25 October 2026.
    expect(occurrences.find((o) => o.startsAt.startsWith("2026-10-20"))?.startsAt).toBe(
      "2026-10-20T16:00:00Z",
    );
    expect(occurrences.find((o) => o.startsAt.startsWith("2026-10-27"))?.startsAt).toBe(
      "2026-10-27T17:00:00Z",
    );
    expect(occurrences.at(-1)?.startsAt).toBe("2026-11-24T17:00:00Z");
    expect(rrule).toBe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z");
    expect(dtstart).toBe("2026-02-03T18:00:00");
  });

  it("reads a floating or date-only UNTIL as local time and writes it back in UTC", () => {
    const floating = expandSchedule({
      ...tuesdays,
      rrule: "RRULE:freq=weekly;byday=TU;until=20260630T180000",
    });
    expect(floating.rrule).toBe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T160000Z");
    expect(floating.occurrences.at(-1)?.startsAt).toBe("2026-06-30T16:00:00Z");
    const dateOnly = expandSchedule({ ...tuesdays, rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630" });
    expect(dateOnly.occurrences.at(-1)?.startsAt).toBe("2026-06-30T16:00:00Z");
  });

  it("supports COUNT, INTERVAL and several days, and starts at the first real occurrence", () => {
    const { occurrences, dtstart } = expandSchedule({
      ...tuesdays,
      dtstart: "2026-02-02T10:00",
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4",
    });
    expect(occurrences.map((o) => o.startsAt)).toEqual([
      "2026-02-03T09:00:00Z",
      "2026-02-05T09:00:00Z",
      "2026-02-17T09:00:00Z",
      "2026-02-19T09:00:00Z",
    ]);
    expect(dtstart).toBe("2026-02-03T10:00:00");
  });

  it("works in another zone: New York keeps 18:00 across its own changes", () => {
    const { occurrences } = expandSchedule({
      ...tuesdays,
      timeZone: "America/New_York",
      dtstart: "2026-03-03T18:00",
      rrule: "FREQ=WEEKLY;COUNT=2",
    });
    expect(occurrences.map((o) => o.startsAt)).toEqual(["2026-03-03T23:00:00Z", "2026-03-10T22:00:00Z"]);
  });

  it.each([
    ["FREQ=WEEKLY;BYDAY=TU", "schedule.rrule"],
    ["FREQ=WEEKLY;COUNT=3;UNTIL=20261124T170000Z", "schedule.rrule"],
    ["FREQ=HOURLY;COUNT=3", "schedule.rrule"],
    ["FREQ=WEEKLY;BYDAY=XX;COUNT=3", "schedule.rrule"],
    ["garbage", "schedule.rrule"],
    ["FREQ=WEEKLY;COUNT=3;DTSTART=20260101T000000", "schedule.rrule"],
    ["FREQ=WEEKLY;UNTIL=2026-11-24", "schedule.rrule"],
    ["FREQ=WEEKLY;UNTIL=20250101T000000Z", "schedule.rrule"],
    [`FREQ=DAILY;COUNT=${MAX_SESSIONS + 1}`, "schedule.rrule"],
  ])("rejects the rule %s naming %s", (rrule, path) => {
    expect(fieldOf(() => expandSchedule({ ...tuesdays, rrule }))).toBe(path);
  });

  it("places every session where luxon places its wall-clock time, in zones with odd changes", () => {
    // Lord Howe moves by 30 minutes, Santiago changes at midnight, Kolkata never changes: each
    // start must be exactly luxon's own placement of that local time (expansion reuses offsets).
    for (const timeZone of [
      "Europe/Brussels",
      "America/New_York",
      "Australia/Lord_Howe",
      "America/Santiago",
      "Asia/Kolkata",
    ]) {
      for (const time of ["00:30", "09:15", "18:00", "23:45"]) {
        const { occurrences } = expandSchedule({
          timeZone,
          dtstart: `2026-01-04T${time}`,
          rrule: "FREQ=WEEKLY;COUNT=60",
          durationMinutes: 90,
        });
        const local = occurrences.map((o) => DateTime.fromISO(o.startsAt, { zone: timeZone }));
        for (const [index, start] of local.entries()) {
          const expected = DateTime.fromObject(
            { year: 2026, month: 1, day: 4, hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) },
            { zone: timeZone },
          ).plus({ weeks: index });
          expect(start.toISO(), `${timeZone} ${time} #${index}`).toBe(expected.toISO());
          const ends = DateTime.fromISO(occurrences[index]!.endsAt);
          expect(ends.diff(DateTime.fromISO(occurrences[index]!.startsAt), "minutes").minutes).toBe(90);
        }
      }
    }
  });

  it("reads a time that occurs twice as its first occurrence and moves a missing time past the gap", () => {
    // 25 October 2026, 02:30 Brussels happens twice (CEST then CET): RFC 5545 takes the first.
    const twice = expandSchedule({
      timeZone: "Europe/Brussels",
      dtstart: "2026-10-25T02:30",
      rrule: "FREQ=DAILY;COUNT=2",
      durationMinutes: 60,
    });
    expect(twice.occurrences[0]?.startsAt).toBe("2026-10-25T00:30:00Z");
    expect(twice.occurrences[1]?.startsAt).toBe("2026-10-26T01:30:00Z");
    // The same night reached by a weekly series coming from summer: also the first.
    const weekly = expandSchedule({
      timeZone: "Europe/Brussels",
      dtstart: "2026-10-18T02:30",
      rrule: "FREQ=WEEKLY;COUNT=2",
      durationMinutes: 60,
    });
    expect(weekly.occurrences[1]?.startsAt).toBe("2026-10-25T00:30:00Z");
    // 29 March 2026, 02:30 Brussels does not exist: it becomes 03:30 CEST (01:30Z).
    const missing = expandSchedule({
      timeZone: "Europe/Brussels",
      dtstart: "2026-03-22T02:30",
      rrule: "FREQ=WEEKLY;COUNT=2",
      durationMinutes: 60,
    });
    expect(missing.occurrences[0]?.startsAt).toBe("2026-03-22T01:30:00Z");
    expect(missing.occurrences[1]?.startsAt).toBe("2026-03-29T01:30:00Z");
  });

  it("rejects a bad dtstart or time zone naming the field", () => {
    expect(fieldOf(() => expandSchedule({ ...tuesdays, dtstart: "2026-02-03T18:00+01:00" }))).toBe(
      "schedule.dtstart",
    );
    expect(fieldOf(() => expandSchedule({ ...tuesdays, dtstart: "2026-02-30T18:00" }))).toBe(
      "schedule.dtstart",
    );
    expect(fieldOf(() => expandSchedule({ ...tuesdays, timeZone: "Mars/Olympus" }))).toBe(
      "schedule.timeZone",
    );
  });
});
