// "My sessions from … to …" (GET /v1/sessions): a facilitator's week across groups, in each
// group's zone, and nothing of a group they do not run, another organisation's, or with a token
// the services refuse.
import { ManualClock, staleTokens, useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { groupInput, json, problem, staff } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

interface Mine {
  items: Array<{
    id: string;
    groupId: string;
    startsAt: string;
    status: string;
    group: { id: string; publicName: string; timeZone: string; kind: string };
  }>;
}

const anne = { role: "facilitator", sub: "facilitator-anne" } as const;
const bert = { role: "facilitator", sub: "facilitator-bert" } as const;
const OTHER_ORG = "org-namur";
// The week of the spring change (Sunday 28 March 2027), Monday to Monday in Brussels.
const WEEK = "from=2027-03-22T00:00:00%2B01:00&to=2027-03-29T00:00:00%2B02:00";
const WEEK_AFTER = "from=2027-03-29T00:00:00%2B02:00&to=2027-04-05T00:00:00%2B02:00";

describe("GET /v1/sessions", () => {
  let service: GroupsService;
  const ids: Record<string, string> = {};
  useService((nats) => startGroups(nats, { clock: new ManualClock("2027-01-10T09:00:00Z") }), {
    started: async (started) => {
      service = started;
      const create = async (name: string, caller: object, overrides: Record<string, unknown>) => {
        const response = await service.client.post(
          "/v1/groups",
          groupInput({ publicName: name, ...overrides }),
          caller,
        );
        expect(response.status).toBe(201);
        ids[name] = (await json<{ id: string }>(response)).id;
      };
      const weekly = (day: string, time: string) => ({
        timeZone: "Europe/Brussels",
        dtstart: `2027-03-1${day === "TU" ? 6 : 8}T${time}`,
        rrule: `FREQ=WEEKLY;BYDAY=${day};COUNT=4`,
        durationMinutes: 90,
      });
      await create("Tuesdays", anne, { facilitators: [{ sub: anne.sub }], schedule: weekly("TU", "18:00") });
      await create("Thursdays", anne, {
        kind: "parent",
        facilitators: [{ sub: anne.sub }],
        schedule: weekly("TH", "09:30"),
      });
      await create("Bert's", bert, { facilitators: [{ sub: bert.sub }], schedule: weekly("TU", "18:00") });
      await create("Programme", staff, {
        kind: "perpetrator",
        facilitators: [{ sub: staff.sub }],
        schedule: weekly("TH", "19:00"),
      });
      await create(
        "Namur",
        { ...anne, org: OTHER_ORG },
        {
          facilitators: [{ sub: anne.sub }],
          schedule: weekly("TU", "18:00"),
        },
      );
    },
  });

  const mine = async (caller: object, query = WEEK) =>
    json<Mine>(await service.client.get(`/v1/sessions?${query}`, caller));

  it("lists the facilitator's sessions across their groups, in each group's zone, before and after DST", async () => {
    const before = await mine(anne);
    expect(before.items.map((s) => [s.group.publicName, s.startsAt])).toEqual([
      ["Tuesdays", "2027-03-23T18:00:00+01:00"],
      ["Thursdays", "2027-03-25T09:30:00+01:00"],
    ]);
    expect(before.items[0]!.group).toMatchObject({ id: ids.Tuesdays, timeZone: "Europe/Brussels" });
    const after = await mine(anne, WEEK_AFTER);
    expect(after.items.map((s) => s.startsAt)).toEqual([
      "2027-03-30T18:00:00+02:00",
      "2027-04-01T09:30:00+02:00",
    ]);
  });

  it("covers the seven days from `from`, and from now, when a bound is left out", async () => {
    const fromOnly = await mine(anne, "from=2027-03-22T00:00:00%2B01:00");
    expect(fromOnly.items.map((s) => s.startsAt)).toEqual((await mine(anne)).items.map((s) => s.startsAt));
    // The clock stands on 10 January 2027: no session in the next seven days.
    expect((await mine(anne, "")).items).toEqual([]);
  });

  it("shows a cancelled session as cancelled", async () => {
    const [tuesday] = (await mine(anne)).items;
    const cancelled = await service.client.post(`/v1/sessions/${tuesday!.id}/cancel`, {}, anne);
    expect(cancelled.status).toBe(200);
    expect((await mine(anne)).items[0]).toMatchObject({ id: tuesday!.id, status: "cancelled" });
  });

  it("gives programme staff the perpetrator groups only", async () => {
    const week = await mine(staff);
    expect(week.items.map((s) => s.group.publicName)).toEqual(["Programme"]);
  });

  it("never shows another facilitator's group, nor the same subject's group in another organisation", async () => {
    const bertsWeek = await mine(bert);
    expect(bertsWeek.items.map((s) => s.groupId)).toEqual([ids["Bert's"]]);
    const anneWeek = await mine(anne);
    expect(anneWeek.items.map((s) => s.groupId)).not.toContain(ids["Bert's"]);
    expect(anneWeek.items.map((s) => s.groupId)).not.toContain(ids.Namur);
    // The same subject in the other organisation sees only that organisation's group.
    const namur = await mine({ ...anne, org: OTHER_ORG });
    expect(namur.items.map((s) => s.groupId)).toEqual([ids.Namur]);
    // And with the real session id of the other organisation, the session itself stays hidden.
    const namurSession = namur.items[0]!.id;
    const moved = await service.client.patch(
      `/v1/sessions/${namurSession}`,
      { startsAt: "2027-03-24T18:00:00+01:00" },
      anne,
    );
    expect(moved.status).toBe(404);
  });

  it("refuses police, caseworkers and coordinators (403), and stale tokens (401)", async () => {
    for (const role of ["police", "caseworker", "coordinator"] as const) {
      expect((await service.client.get(`/v1/sessions?${WEEK}`, { role })).status).toBe(403);
    }
    const stale = await staleTokens({ role: "facilitator", sub: anne.sub, org: "org-liege" });
    for (const token of Object.values(stale)) {
      const response = await service.app.request(`/v1/sessions?${WEEK}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    }
  });

  it("lists my groups with seats taken, waitlist length and the next session to come", async () => {
    const enrol = (n: number) =>
      service.client.post(
        `/v1/groups/${ids.Thursdays}/enrolments`,
        { personRef: `prs_thursday-${n}-0000`, displayName: `P${n}` },
        anne,
      );
    await service.client.patch(`/v1/groups/${ids.Thursdays}`, { capacity: 1 }, anne);
    expect((await enrol(1)).status).toBe(201);
    expect((await enrol(2)).status).toBe(201);
    const list = await json<{
      items: Array<{ id: string; seats: object; nextSessionAt: string | null }>;
    }>(await service.client.get("/v1/groups", anne));
    expect(list.items.map((g) => g.id).sort()).toEqual([ids.Tuesdays, ids.Thursdays].sort());
    const thursdays = list.items.find((g) => g.id === ids.Thursdays)!;
    expect(thursdays.seats).toEqual({ enrolled: 1, waitlisted: 1 });
    // The clock stands in January: the first Thursday, 18 March at 09:30 in Brussels.
    expect(thursdays.nextSessionAt).toBe("2027-03-18T09:30:00+01:00");
  });

  it("names the field of a bad range: 400, never 500", async () => {
    const reversed = await problem(
      await service.client.get("/v1/sessions?from=2027-03-29T00:00:00Z&to=2027-03-22T00:00:00Z", anne),
    );
    expect(reversed).toMatchObject({ status: 400, paths: ["to"], fieldCodes: ["end_before_start"] });
    const tooLong = await problem(
      await service.client.get("/v1/sessions?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z", anne),
    );
    expect(tooLong).toMatchObject({ status: 400, paths: ["to"], fieldCodes: ["too_many_days"] });
    const notADate = await problem(await service.client.get("/v1/sessions?from=monday&to=friday", anne));
    expect(notADate.status).toBe(400);
    expect(notADate.paths).toEqual(expect.arrayContaining(["from", "to"]));
  });
});
