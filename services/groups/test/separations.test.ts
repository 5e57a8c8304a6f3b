import {
  ManualClock,
  type NatsProcess,
  referralReceived,
  referredPerson,
  startNats,
  useNats,
  waitFor,
} from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { separations } from "../src/db/schema.js";
import { discreetByPhone, facilitator, groupInput, json, problem } from "./client.js";
import { startGroups } from "./harness.js";

const preferences = discreetByPhone;

function referral(victim: string, author: string) {
  return referralReceived("org-liege", {
    referralId: `ref-${victim}`,
    childrenPresent: true,
    persons: [
      referredPerson(victim, "victim", { preferences }),
      referredPerson(author, "author", { preferences }),
    ],
  });
}

describe("referrals.referral.received in groups", () => {
  const broker = useNats();

  it("records victim and author as persons to keep apart, once, however often the event arrives", async () => {
    const service = await startGroups(broker.nats);
    service.runner.start();
    try {
      const event = referral("prs_victim0001", "prs_author0001");
      const js = await service.bus.jetstream();
      const payload = new TextEncoder().encode(JSON.stringify(event));
      await js.publish(event.type, payload, { msgID: event.id });
      await waitFor(async () => (await service.database.db.select().from(separations)).length === 2, {
        timeoutMs: 10_000,
        message: "separations recorded",
      });
      const rows = await service.database.db.select().from(separations);
      expect(rows.map((r) => [r.personRef, r.otherPersonRef]).sort()).toEqual([
        ["prs_author0001", "prs_victim0001"],
        ["prs_victim0001", "prs_author0001"],
      ]);
      expect(rows.every((r) => r.orgId === "org-liege")).toBe(true);

      // Something later removes the rows (as a purge does). The same event delivered again, past
      // JetStream's duplicate window (another Nats-Msg-Id), must change nothing: only the inbox
      // can tell, since the rows' primary key would no longer stop a second insert.
      await service.database.write((tx) => tx.delete(separations));
      const again = await js.publish(event.type, payload, { msgID: `${event.id}-again` });
      const jsm = await service.bus.manager();
      await waitFor(
        async () => {
          const info = await jsm.consumers.info("REFERRALS", "groups-referral-received");
          return info.ack_floor.stream_seq >= again.seq && info.num_ack_pending === 0;
        },
        { timeoutMs: 10_000, message: "the second delivery acknowledged" },
      );
      expect(await service.database.db.select().from(separations)).toEqual([]);
    } finally {
      await service.stop();
    }
  });
});

describe("safety separation at enrolment", () => {
  let nats: NatsProcess;
  let service: Awaited<ReturnType<typeof startGroups>>;
  beforeAll(async () => {
    nats = await startNats();
    service = await startGroups(nats, { clock: new ManualClock("2026-01-10T09:00:00Z") });
    service.runner.start();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.stop();
  });

  async function newGroup(overrides: Record<string, unknown>) {
    const response = await service.client.post("/v1/groups", groupInput(overrides), { role: "coordinator" });
    return (await json<{ id: string }>(response)).id;
  }
  const enrol = (groupId: string, personRef: string) =>
    service.client.post(`/v1/groups/${groupId}/enrolments`, { personRef }, facilitator);
  const at = (dtstart: string, address = "Rue de la Station 12, 4100 Seraing") => ({
    location: { kind: "venue", address },
    schedule: { ...groupInput().schedule, dtstart, rrule: "FREQ=WEEKLY;COUNT=10" },
  });

  it("keeps a linked author out of the victim's group and of an overlapping group at the same venue", async () => {
    const victim = "prs_victim0002";
    const author = "prs_author0002";
    const event = referral(victim, author);
    const js = await service.bus.jetstream();
    await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
    await waitFor(async () => (await service.database.db.select().from(separations)).length >= 2, {
      timeoutMs: 10_000,
      message: "separation recorded from the referral",
    });

    const victims = await newGroup(at("2026-02-03T18:00"));
    const perpetrators = await newGroup({
      kind: "perpetrator",
      facilitators: [{ sub: "facilitator-1" }],
      // Same venue written differently, starting while the victims' group is still meeting.
      ...at("2026-02-03T19:30", "rue de la station 12 4100 SERAING"),
    });
    const laterSameVenue = await newGroup({ kind: "parent", ...at("2026-02-04T18:00") });
    const elsewhere = await newGroup({
      kind: "parent",
      ...at("2026-02-03T18:00", "Place Communale 1, 4100 Seraing"),
    });

    expect((await enrol(victims, victim)).status).toBe(201);
    const same = await problem(await enrol(victims, author));
    expect(same).toMatchObject({ status: 409, code: "safety_separation" });
    expect(same.detail).not.toContain(victim);
    const overlapping = await problem(await enrol(perpetrators, author));
    expect(overlapping).toMatchObject({ status: 409, code: "safety_separation" });
    expect(overlapping.detail).toContain("same place");
    expect(overlapping.detail).not.toContain(victim);

    expect((await enrol(laterSameVenue, author)).status).toBe(201);
    expect((await enrol(elsewhere, author)).status).toBe(201);
    // And the other way round: the victim cannot now join the groups the author is in.
    expect((await problem(await enrol(elsewhere, victim))).code).toBe("safety_separation");
  });

  it("records a link entered by a coordinator, in both directions, and enforces it", async () => {
    const linked = await service.client.post(
      "/v1/separations",
      { personRef: "prs_victim0003", otherPersonRef: "prs_author0003", referralId: "court-order-17" },
      { role: "coordinator" },
    );
    expect(linked.status).toBe(201);
    const groupId = await newGroup(at("2026-03-03T10:00"));
    expect((await enrol(groupId, "prs_author0003")).status).toBe(201);
    expect((await problem(await enrol(groupId, "prs_victim0003"))).code).toBe("safety_separation");
  });

  it("refuses a session move or a new venue that would bring linked persons to the same place at the same time", async () => {
    const victim = "prs_victim0005";
    const author = "prs_author0005";
    const link = await service.client.post(
      "/v1/separations",
      { personRef: victim, otherPersonRef: author, referralId: "ref-5" },
      { role: "coordinator" },
    );
    expect(link.status).toBe(201);
    const venue = "Avenue des Tilleuls 8, 4000 Liège";
    // Tuesdays 18:00–20:00 at the venue; the author's group meets there on Wednesdays, and another
    // on Tuesdays at the same hour but elsewhere.
    const victims = await newGroup(at("2026-03-03T18:00", venue));
    const wednesdays = await newGroup({ kind: "parent", ...at("2026-03-04T18:00", venue) });
    const elsewhere = await newGroup({
      kind: "parent",
      ...at("2026-03-03T18:00", "Rue Haute 2, 4000 Liège"),
    });
    expect((await enrol(victims, victim)).status).toBe(201);
    expect((await enrol(wednesdays, author)).status).toBe(201);
    expect((await enrol(elsewhere, author)).status).toBe(201);

    type Listed = { sequence: number; items: Array<{ id: string; startsAt: string }> };
    const sessionsOf = async (groupId: string) =>
      json<Listed>(await service.client.get(`/v1/groups/${groupId}/sessions`, facilitator));
    const before = await sessionsOf(wednesdays);
    const third = before.items[2]!;
    const tuesday = (iso: string) => iso.replace("2026-03-18T18:00:00", "2026-03-17T18:30:00");
    expect(tuesday(third.startsAt)).not.toBe(third.startsAt);
    for (const scope of ["single", "following"] as const) {
      const refused = await problem(
        await service.client.patch(
          `/v1/sessions/${third.id}`,
          { scope, startsAt: tuesday(third.startsAt) },
          facilitator,
        ),
      );
      expect(refused).toMatchObject({ status: 409, code: "safety_separation" });
      expect(refused.detail).toContain("This change would make the group meet at the same place");
      expect(refused.detail).not.toContain(victim);
      expect(refused.detail).not.toContain(author);
    }
    // Nothing moved, and no change was announced.
    expect(await sessionsOf(wednesdays)).toEqual(before);

    const moveTo = async (address: string) =>
      service.client.patch(`/v1/groups/${elsewhere}`, { location: { kind: "venue", address } }, facilitator);
    const venueRefused = await problem(await moveTo("avenue des tilleuls, 8 — 4000 LIÈGE"));
    expect(venueRefused).toMatchObject({ status: 409, code: "safety_separation" });
    expect(venueRefused.detail).not.toContain(victim);
    const unchanged = await json<{ location: { address: string } }>(
      await service.client.get(`/v1/groups/${elsewhere}`, facilitator),
    );
    expect(unchanged.location.address).toBe("Rue Haute 2, 4000 Liège");

    // Moves that keep them apart go through: another venue, another day at the same venue.
    expect((await moveTo("Place du Marché 1, 4000 Liège")).status).toBe(200);
    const thursday = third.startsAt.replace("2026-03-18", "2026-03-19");
    const moved = await service.client.patch(`/v1/sessions/${third.id}`, { startsAt: thursday }, facilitator);
    expect(moved.status).toBe(200);
  });

  it("lets only coordinators and administrators link persons, and names bad fields", async () => {
    const body = { personRef: "prs_victim0004", otherPersonRef: "prs_author0004" };
    for (const role of ["police", "facilitator", "programme_staff", "caseworker"] as const)
      expect((await service.client.post("/v1/separations", body, { role })).status).toBe(403);
    expect((await service.client.post("/v1/separations", body, { role: "admin" })).status).toBe(201);
    const same = await service.client.post(
      "/v1/separations",
      { personRef: "prs_victim0004", otherPersonRef: "prs_victim0004" },
      { role: "coordinator" },
    );
    expect(await problem(same)).toMatchObject({
      status: 400,
      paths: ["otherPersonRef"],
      fieldCodes: ["same_person"],
    });
    const bad = await service.client.post(
      "/v1/separations",
      { personRef: "alice", otherPersonRef: "prs_author0004" },
      { role: "coordinator" },
    );
    expect(await problem(bad)).toMatchObject({ status: 400, paths: ["personRef"] });
  });
});
