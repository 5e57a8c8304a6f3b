import { EnrolmentConfirmed, EnrolmentEnded, EnrolmentWaitlisted } from "@relais/contracts";
import { contactPreferences, ManualClock, useService } from "@relais/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { enrolments, idempotencyKeys, outbox } from "../src/db/schema.js";
import { type Caller, facilitator, groupInput, json, mandateInput, problem } from "./client.js";
import { startGroups } from "./harness.js";

interface Enrolment {
  id: string;
  personRef: string;
  status: string;
  position: number | null;
}

const person = (n: number) => `prs_person${String(n).padStart(4, "0")}`;
const START = "2026-01-10T09:00:00Z";

describe("enrolment and waitlist", () => {
  const clock = new ManualClock(START);
  const live = useService((nats) => startGroups(nats, { clock }));
  beforeEach(() => {
    clock.set(START);
  });

  async function newGroup(overrides: Record<string, unknown> = {}) {
    const response = await live.service.client.post("/v1/groups", groupInput(overrides), {
      role: "coordinator",
    });
    expect(response.status).toBe(201);
    return (await json<{ id: string }>(response)).id;
  }
  const enrol = (groupId: string, body: Record<string, unknown>, caller: Caller = facilitator) =>
    live.service.client.post(`/v1/groups/${groupId}/enrolments`, body, caller);

  async function events(groupId: string) {
    const rows = await live.service.database.db.select().from(outbox);
    return rows
      .map((row) => JSON.parse(row.payload) as { type: string; data: { groupId: string } })
      .filter((event) => event.data.groupId === groupId);
  }

  it("seats exactly 10 of 50 concurrent enrolments, waitlists 40 in arrival order, and promotes on withdrawal", async () => {
    const groupId = await newGroup({ capacity: 10 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => enrol(groupId, { personRef: person(i) })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const results = await Promise.all(responses.map((r) => json<Enrolment>(r)));
    expect(results.filter((e) => e.status === "enrolled")).toHaveLength(10);
    const waitlisted = results.filter((e) => e.status === "waitlisted");
    expect(waitlisted.map((e) => e.position).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );

    // The list is in arrival order: each person's place there is the position they were told.
    const listed = await json<{ items: Enrolment[] }>(
      await live.service.client.get(
        `/v1/groups/${groupId}/enrolments?status=waitlisted&limit=100`,
        facilitator,
      ),
    );
    expect(listed.items.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const toldPosition = new Map(waitlisted.map((e) => [e.id, e.position]));
    expect(listed.items.map((e) => toldPosition.get(e.id))).toEqual(listed.items.map((e) => e.position));

    const before = await events(groupId);
    expect(before.filter((e) => e.type === EnrolmentConfirmed.type)).toHaveLength(10);
    expect(before.filter((e) => e.type === EnrolmentWaitlisted.type)).toHaveLength(40);

    const leaving = results.find((e) => e.status === "enrolled")!;
    const withdrawn = await live.service.client.post(
      `/v1/enrolments/${leaving.id}/withdraw`,
      { reason: "Moved away" },
      facilitator,
    );
    expect(withdrawn.status).toBe(200);
    expect(await json(withdrawn)).toMatchObject({ status: "withdrawn", reason: "Moved away" });

    const head = listed.items[0]!;
    const enrolled = await json<{ items: Enrolment[] }>(
      await live.service.client.get(`/v1/groups/${groupId}/enrolments?status=enrolled`, facilitator),
    );
    expect(enrolled.items).toHaveLength(10);
    expect(enrolled.items.map((e) => e.id)).toContain(head.id);
    const nowWaiting = await json<{ items: Enrolment[] }>(
      await live.service.client.get(
        `/v1/groups/${groupId}/enrolments?status=waitlisted&limit=100`,
        facilitator,
      ),
    );
    expect(nowWaiting.items.map((e) => e.id)).toEqual(listed.items.slice(1).map((e) => e.id));
    expect(nowWaiting.items[0]!.position).toBe(1);

    const after = (await events(groupId)).slice(before.length);
    expect(after.map((e) => e.type)).toEqual([EnrolmentEnded.type, EnrolmentConfirmed.type]);
    const ended = EnrolmentEnded.envelope.parse(after[0]);
    expect(ended.data).toMatchObject({ enrolmentId: leaving.id, status: "withdrawn", reason: "Moved away" });
    const promoted = EnrolmentConfirmed.envelope.parse(after[1]);
    expect(promoted.data).toMatchObject({ enrolmentId: head.id, personRef: head.personRef, language: "fr" });
    expect(promoted.data.series.sessions).toHaveLength(43);

    live.service.relay.start();
    await live.service.relay.drained();
    const jsm = await live.service.bus.manager();
    expect((await jsm.streams.info("GROUPS")).state.messages).toBeGreaterThanOrEqual(52);
  });

  it("tells a waitlisted person the group's public name but never its venue", async () => {
    const groupId = await newGroup({ capacity: 1 });
    await enrol(groupId, { personRef: person(100) });
    const waiting = await json<Enrolment>(
      await enrol(groupId, { personRef: person(101), displayName: "Marie" }),
    );
    expect(waiting).toMatchObject({ status: "waitlisted", position: 1 });
    const event = (await events(groupId)).find((e) => e.type === EnrolmentWaitlisted.type)!;
    expect(JSON.stringify(event)).not.toContain("Rue de la Station");
    expect(EnrolmentWaitlisted.envelope.parse(event).data).toMatchObject({
      publicName: "Atelier du mardi",
      position: 1,
    });
  });

  it("takes joiners mid-series in a rolling group but not in a started closed cohort, which promotes no one", async () => {
    const rolling = await newGroup({ admission: "rolling" });
    const closed = await newGroup({ admission: "closed", capacity: 1 });
    const seated = await json<Enrolment>(await enrol(closed, { personRef: person(200) }));
    await enrol(closed, { personRef: person(201) });

    clock.set("2026-05-01T09:00:00Z");
    expect((await enrol(rolling, { personRef: person(202) })).status).toBe(201);
    expect(await problem(await enrol(closed, { personRef: person(203) }))).toMatchObject({
      status: 409,
      code: "admission_closed",
    });
    await live.service.client.post(`/v1/enrolments/${seated.id}/withdraw`, {}, facilitator);
    const waiting = await json<{ items: Enrolment[] }>(
      await live.service.client.get(`/v1/groups/${closed}/enrolments?status=waitlisted`, facilitator),
    );
    expect(waiting.items.map((e) => e.personRef)).toEqual([person(201)]);

    clock.set("2026-12-01T09:00:00Z");
    expect((await problem(await enrol(rolling, { personRef: person(204) }))).code).toBe("admission_closed");
  });

  it("promotes the head of the waitlist when a group gains seats", async () => {
    const groupId = await newGroup({ capacity: 1 });
    await enrol(groupId, { personRef: person(700) });
    const first = await json<Enrolment>(await enrol(groupId, { personRef: person(701) }));
    await enrol(groupId, { personRef: person(702) });
    await live.service.client.patch(`/v1/groups/${groupId}`, { capacity: 2 }, { role: "coordinator" });
    const enrolled = await json<{ items: Enrolment[] }>(
      await live.service.client.get(`/v1/groups/${groupId}/enrolments?status=enrolled`, facilitator),
    );
    expect(enrolled.items.map((e) => e.id)).toContain(first.id);
    const waiting = await json<{ items: Enrolment[] }>(
      await live.service.client.get(`/v1/groups/${groupId}/enrolments?status=waitlisted`, facilitator),
    );
    expect(waiting.items.map((e) => [e.personRef, e.position])).toEqual([[person(702), 1]]);
  });

  it("ends enrolments once, with an outcome and a reason, and refuses duplicates", async () => {
    const groupId = await newGroup();
    const first = await json<Enrolment>(await enrol(groupId, { personRef: person(300) }));
    expect((await problem(await enrol(groupId, { personRef: person(300) }))).code).toBe("already_enrolled");
    const excluded = await live.service.client.post(
      `/v1/enrolments/${first.id}/withdraw`,
      { status: "excluded", reason: "Threatened another participant" },
      facilitator,
    );
    expect(await json(excluded)).toMatchObject({ status: "excluded" });
    expect(
      (await problem(await live.service.client.post(`/v1/enrolments/${first.id}/withdraw`, {}, facilitator)))
        .code,
    ).toBe("enrolment_ended");
    // Once ended, the person may be enrolled again.
    expect((await enrol(groupId, { personRef: person(300) })).status).toBe(201);
  });

  it("lets only the group's facilitators and programme staff in", async () => {
    const groupId = await newGroup();
    const one = await json<Enrolment>(await enrol(groupId, { personRef: person(400) }));
    for (const role of ["police", "coordinator", "caseworker"] as const) {
      expect((await enrol(groupId, { personRef: person(401) }, { role })).status).toBe(403);
      expect((await live.service.client.get(`/v1/groups/${groupId}/enrolments`, { role })).status).toBe(403);
      expect((await live.service.client.post(`/v1/enrolments/${one.id}/withdraw`, {}, { role })).status).toBe(
        403,
      );
    }
    const outsiders: Caller[] = [
      { role: "facilitator", sub: "facilitator-9" },
      { ...facilitator, org: "org-other" },
      { role: "programme_staff" },
    ];
    for (const caller of outsiders) {
      expect((await enrol(groupId, { personRef: person(401) }, caller)).status).toBe(404);
      expect((await live.service.client.get(`/v1/groups/${groupId}/enrolments`, caller)).status).toBe(404);
      expect((await live.service.client.post(`/v1/enrolments/${one.id}/withdraw`, {}, caller)).status).toBe(
        404,
      );
    }
  });

  it.each([
    [{ personRef: "bob" }, "personRef"],
    [{}, "personRef"],
    [{ personRef: person(500), placementId: "p" }, "personRef"],
    [{ personRef: person(500), language: "de" }, "language"],
    [{ personRef: person(500), contact: { phone: "0470" } }, "contact.phone"],
    [{ personRef: person(500), mandate: { authority: "Maison de justice" } }, "mandate.contactEmail"],
    [{ personRef: person(500), mandate: mandateInput({ deadline: "2026-13-01" }) }, "mandate.deadline"],
    // A valid mandate, but only perpetrator groups take one.
    [{ personRef: person(500), mandate: mandateInput() }, "mandate"],
    [{ placementId: "does-not-exist" }, "placementId"],
  ])("rejects the enrolment %j naming %s", async (body, path) => {
    const groupId = await newGroup();
    const body400 = await problem(await enrol(groupId, body));
    expect(body400.status).toBe(400);
    expect(body400.paths).toContain(path);
  });

  it("rejects bad withdrawals and list queries naming the field", async () => {
    const groupId = await newGroup();
    const one = await json<Enrolment>(await enrol(groupId, { personRef: person(600) }));
    const bad = await live.service.client.post(
      `/v1/enrolments/${one.id}/withdraw`,
      { status: "expelled" },
      facilitator,
    );
    expect(await problem(bad)).toMatchObject({ status: 400, paths: ["status"] });
    const list = await live.service.client.get(`/v1/groups/${groupId}/enrolments?status=maybe`, facilitator);
    expect(await problem(list)).toMatchObject({ status: 400, paths: ["status"] });
    const limit = await live.service.client.get(`/v1/groups/${groupId}/enrolments?limit=0`, facilitator);
    expect(await problem(limit)).toMatchObject({ status: 400, paths: ["limit"] });
  });

  it("passes a direct enrolment's contact details on sealed for notifications and keeps none of them", async () => {
    const groupId = await newGroup({ capacity: 1 });
    const given = {
      displayName: "Lotte Vermeulen",
      contact: { email: "lotte@example.org", phone: "+32475310987" },
      preferences: contactPreferences(["email"]),
    };
    const created = await enrol(groupId, { personRef: person(700), language: "nl", ...given });
    expect(created.status).toBe(201);
    const answer = await json<Enrolment & { displayName?: string }>(created);
    // The answer is stored with the Idempotency-Key: it names no one.
    expect(answer).not.toHaveProperty("displayName");
    const waiting = await json<Enrolment>(
      await enrol(groupId, {
        personRef: person(701),
        displayName: "Jan Peeters",
        contact: { phone: "+32470999888" },
      }),
    );
    expect(waiting.status).toBe("waitlisted");

    const [confirmed, waitlisted] = await events(groupId);
    for (const event of [confirmed, waitlisted])
      for (const secret of ["Lotte", "lotte@example.org", "32475310987", "Jan Peeters", "32470999888"])
        expect(JSON.stringify(event)).not.toContain(secret);
    const opened = EnrolmentConfirmed.envelope.parse(confirmed).data;
    expect(live.service.openAsNotifications.open(opened.sealed!, EnrolmentConfirmed.type)).toEqual(given);
    const queued = EnrolmentWaitlisted.envelope.parse(waitlisted).data;
    expect(live.service.openAsNotifications.open(queued.sealed!, EnrolmentWaitlisted.type)).toEqual({
      displayName: "Jan Peeters",
      contact: { phone: "+32470999888" },
    });
    // Sealed for one kind of event, it does not open as another.
    expect(() => live.service.openAsNotifications.open(opened.sealed!, EnrolmentWaitlisted.type)).toThrow();

    // groups keeps the display name (the roster needs it) and no contact detail anywhere.
    const rows = await live.service.database.db.select().from(enrolments);
    const stored = JSON.stringify([rows, await live.service.database.db.select().from(idempotencyKeys)]);
    for (const secret of ["lotte@example.org", "32475310987", "32470999888"])
      expect(stored).not.toContain(secret);
    expect(JSON.stringify(await live.service.database.db.select().from(idempotencyKeys))).not.toContain(
      "Lotte",
    );
    const roster = await json<{ items: Array<{ personRef: string; displayName: string | null }> }>(
      await live.service.client.get(`/v1/groups/${groupId}/enrolments`, facilitator),
    );
    expect(roster.items.find((e) => e.personRef === person(700))?.displayName).toBe("Lotte Vermeulen");
  });
});
