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
    const startsOf = (dtstart: string, rrule: string) =>
      expandSchedule({ ...tuesdays, dtstart, rrule, durationMinutes: 60 }).occurrences.map((o) => o.startsAt);
    // 25 October 2026, 02:30 Brussels happens twice (CEST then CET): RFC 5545 takes the first.
    expect(startsOf("2026-10-25T02:30", "FREQ=DAILY;COUNT=2")).toEqual([
      "2026-10-25T00:30:00Z",
      "2026-10-26T01:30:00Z",
    ]);
    // The same night reached by a weekly series coming from summer: also the first.
    expect(startsOf("2026-10-18T02:30", "FREQ=WEEKLY;COUNT=2")[1]).toBe("2026-10-25T00:30:00Z");
    // 29 March 2026, 02:30 Brussels does not exist: it becomes 03:30 CEST (01:30Z).
    expect(startsOf("2026-03-22T02:30", "FREQ=WEEKLY;COUNT=2")).toEqual([
      "2026-03-22T01:30:00Z",
      "2026-03-29T01:30:00Z",
    ]);
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

  it("keeps 19:00 local in Brussels, Sydney and Kolkata across both changes, expansion after expansion", () => {
    // Mondays at 19:00 around the changes: Brussels on 29 March and 25 October 2026, Sydney
    // (southern hemisphere) on 5 April and 4 October 2026, Kolkata (+05:30) never. Each zone is
    // expanded twice: the second expansion reuses the kept zone and parsed rule.
    const mondays = [
      "2026-01-05",
      "2026-03-23",
      "2026-03-30",
      "2026-04-06",
      "2026-09-28",
      "2026-10-05",
      "2026-10-26",
    ];
    const expected: Record<string, string[]> = {
      "Europe/Brussels": ["18:00", "18:00", "17:00", "17:00", "17:00", "17:00", "18:00"],
      "Australia/Sydney": ["08:00", "08:00", "08:00", "09:00", "09:00", "08:00", "08:00"],
      "Asia/Kolkata": ["13:30", "13:30", "13:30", "13:30", "13:30", "13:30", "13:30"],
    };
    for (const [timeZone, utcTimes] of Object.entries(expected)) {
      const schedule = {
        timeZone,
        dtstart: "2026-01-05T19:00",
        rrule: "FREQ=WEEKLY;COUNT=52",
        durationMinutes: 90,
      };
      const first = expandSchedule(schedule);
      expect(expandSchedule(schedule), timeZone).toEqual(first);
      const starts = new Set(first.occurrences.map((o) => o.startsAt));
      for (const [index, day] of mondays.entries()) {
        expect(starts.has(`${day}T${utcTimes[index]}:00Z`), `${timeZone} ${day}`).toBe(true);
      }
      for (const o of first.occurrences) {
        expect(DateTime.fromISO(o.startsAt, { zone: timeZone }).toFormat("ccc HH:mm"), timeZone).toBe(
          "Mon 19:00",
        );
        expect(Date.parse(o.endsAt) - Date.parse(o.startsAt)).toBe(90 * 60_000);
      }
    }
  });

  it("writes every instant as toISOString does, across years and before 1970", () => {
    // Daily at 23:59:30 in Kolkata (18:29:30Z) from 1969 into 1970, and over the 2026 new year.
    for (const dtstart of ["1969-12-20T23:59:30", "2026-12-20T23:59:30"]) {
      const { occurrences, dtstart: first } = expandSchedule({
        timeZone: "Asia/Kolkata",
        dtstart,
        rrule: "FREQ=DAILY;COUNT=30",
        durationMinutes: 45,
      });
      expect(first).toBe(dtstart);
      for (const [index, o] of occurrences.entries()) {
        const start = Date.parse(`${dtstart}+05:30`) + index * 86_400_000;
        expect(o.startsAt).toBe(`${new Date(start).toISOString().slice(0, 19)}Z`);
        expect(o.endsAt).toBe(`${new Date(start + 45 * 60_000).toISOString().slice(0, 19)}Z`);
      }
    }
  });

  it("reads dtstart with or without seconds and rejects dates and times that do not exist", () => {
    expect(expandSchedule({ ...tuesdays, dtstart: "2026-02-03T18:00:15" }).occurrences[0]?.startsAt).toBe(
      "2026-02-03T17:00:15Z",
    );
    for (const dtstart of ["2026-02-29T18:00", "2026-04-31T18:00", "2026-02-03T25:00", "2026-02-03T18:60"]) {
      expect(
        fieldOf(() => expandSchedule({ ...tuesdays, dtstart })),
        dtstart,
      ).toBe("schedule.dtstart");
    }
    expect(
      expandSchedule({ ...tuesdays, dtstart: "2028-02-29T18:00", rrule: "FREQ=YEARLY;COUNT=1" }).dtstart,
    ).toBe("2028-02-29T18:00:00");
  });

  it("keeps a parsed rule apart from each expansion's dtstart, UNTIL and zone", () => {
    const rule = "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3";
    const brussels = expandSchedule({ ...tuesdays, dtstart: "2026-02-02T10:00", rrule: rule });
    const kolkata = expandSchedule({
      ...tuesdays,
      timeZone: "Asia/Kolkata",
      dtstart: "2026-02-09T10:00",
      rrule: rule,
    });
    expect(brussels.occurrences.map((o) => o.startsAt)).toEqual([
      "2026-02-03T09:00:00Z",
      "2026-02-05T09:00:00Z",
      "2026-02-10T09:00:00Z",
    ]);
    expect(kolkata.occurrences.map((o) => o.startsAt)).toEqual([
      "2026-02-10T04:30:00Z",
      "2026-02-12T04:30:00Z",
      "2026-02-17T04:30:00Z",
    ]);
    // The same UNTIL read in two zones: local in each.
    const until = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260217";
    expect(expandSchedule({ ...tuesdays, rrule: until }).rrule).toBe(
      "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260217T225959Z",
    );
    expect(expandSchedule({ ...tuesdays, timeZone: "Asia/Kolkata", rrule: until }).rrule).toBe(
      "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260217T182959Z",
    );
    // A known rule in an unknown zone is still refused.
    expect(fieldOf(() => expandSchedule({ ...tuesdays, rrule: rule, timeZone: "Mars/Olympus" }))).toBe(
      "schedule.timeZone",
    );
  });
});
