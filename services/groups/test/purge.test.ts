import { type ContactPreferences, createEvent, PersonPurged, SupportRequested } from "@relais/contracts";
import { ManualClock, referralReceived, referredPerson, useService, waitFor } from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attendance, enrolments, idempotencyKeys, inbox, placements, separations } from "../src/db/schema.js";
import { facilitator, groupInput, json, mandateInput, ORG, problem, staff } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

const VICTIM = "prs_vera000001";
const AUTHOR = "prs_axel000001";
const OTHER = "prs_olga000001";
const preferences: ContactPreferences = {
  channels: ["email"],
  safeWindows: [],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
};
const mandate = mandateInput({ caseReference: "MJ/2026/0077" });

interface Enrolment {
  id: string;
  personRef: string;
  displayName: string | null;
  status: string;
  reason: string | null;
  mandate: unknown;
}

describe("referrals.person.purged in groups", () => {
  let service: GroupsService;
  const clock = new ManualClock("2026-01-10T09:00:00Z");
  useService((nats) => startGroups(nats, { clock }), {
    started: async (started) => {
      service = started;
      service.runner.start();
    },
  });

  async function publish(event: { id: string; type: string }, msgID = event.id) {
    const js = await service.bus.jetstream();
    await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID });
  }
  const purged = (personRef: string) =>
    createEvent(PersonPurged, { orgId: ORG, source: "referrals", data: { personRef, referralId: "ref-1" } });
  async function processed(durable: string, count: number) {
    await waitFor(
      async () =>
        (await service.database.db.select().from(inbox).where(eq(inbox.consumer, durable))).length >= count,
      { timeoutMs: 10_000, message: `${durable} processed ${count}` },
    );
  }
  const list = async (groupId: string, caller: { role: "facilitator" | "programme_staff"; sub: string }) =>
    (await json<{ items: Enrolment[] }>(await service.client.get(`/v1/groups/${groupId}/enrolments`, caller)))
      .items;
  /** Every stored text that could still quote a person: the tables groups keeps about people. */
  async function personalText(): Promise<string> {
    const { db } = service.database;
    return JSON.stringify([
      await db.select().from(enrolments),
      await db.select().from(attendance),
      await db.select().from(placements),
      await db.select().from(separations),
      await db.select().from(idempotencyKeys),
    ]);
  }

  it("forgets the person in every record, keeps the groups' counts and others' records, and does it once", async () => {
    const { client } = service;
    await publish(
      referralReceived(ORG, {
        referralId: "ref-1",
        persons: [
          referredPerson(VICTIM, "victim", { preferences }),
          referredPerson(AUTHOR, "author", { preferences }),
        ],
      }),
    );
    // A request for a kind of group no one runs in Liège yet: it waits for a facilitator.
    await publish(
      createEvent(SupportRequested, {
        orgId: ORG,
        source: "referrals",
        data: {
          referralId: "ref-1",
          personRef: VICTIM,
          role: "victim",
          sealed: service.sealForGroups.seal({ displayName: "Vera V." }, SupportRequested.type),
          groupKind: "parent",
          language: "fr",
          municipality: "Liège",
          timeZone: "Europe/Brussels",
        },
      }),
    );
    await processed("groups-referral-received", 1);
    await processed("groups-support-requested", 1);

    const schedule = { ...groupInput().schedule, rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10" };
    const newGroup = async (overrides: Record<string, unknown>, caller: object = facilitator) =>
      (
        await json<{ id: string }>(
          await client.post("/v1/groups", groupInput({ schedule, ...overrides }), caller),
        )
      ).id;
    const peers = await newGroup({ capacity: 2 });
    const full = await newGroup({
      capacity: 1,
      location: { kind: "online", url: "https://meet.example.org/x" },
    });
    const programme = await newGroup(
      {
        kind: "perpetrator",
        facilitators: [{ sub: "staff-1" }],
        location: { kind: "venue", address: "Quai de Rome 3, 4000 Liège" },
      },
      staff,
    );
    const enrol = async (groupId: string, body: Record<string, unknown>, caller: object = facilitator) => {
      const response = await client.post(`/v1/groups/${groupId}/enrolments`, body, caller);
      expect(response.status, await response.clone().text()).toBe(201);
      return (await json<{ id: string }>(response)).id;
    };
    // Her referral says how she is reached: staff give her name only.
    const vera = await enrol(peers, { personRef: VICTIM, displayName: "Vera V." });
    const olga = await enrol(peers, { personRef: OTHER, displayName: "Olga O." });
    await enrol(full, { personRef: OTHER, displayName: "Olga O." });
    const veraWaiting = await enrol(full, { personRef: VICTIM, displayName: "Vera V." });
    const axel = await enrol(programme, { personRef: AUTHOR, displayName: "Axel A.", mandate }, staff);

    const sessions = (
      await json<{ items: Array<{ id: string }> }>(
        await client.get(`/v1/groups/${peers}/sessions`, facilitator),
      )
    ).items;
    clock.set("2026-02-03T19:00:00Z");
    await client.put(
      `/v1/sessions/${sessions[0]!.id}/attendance/${vera}`,
      { status: "absent", note: "Vera a appelé: son ex rôde près de chez elle" },
      facilitator,
    );
    await client.put(
      `/v1/sessions/${sessions[0]!.id}/attendance/${olga}`,
      { status: "present", note: "Olga a animé le tour de table" },
      facilitator,
    );
    expect(await personalText()).toContain(VICTIM);

    await publish(purged(VICTIM));
    await processed("groups-person-purged", 1);

    const text = await personalText();
    for (const gone of [VICTIM, "Vera V.", "son ex rôde"]) expect(text).not.toContain(gone);

    // The seat stays taken, by a participant without a name; Olga's record is untouched.
    const [forgotten, kept] = await list(peers, facilitator);
    expect(forgotten).toMatchObject({ id: vera, displayName: null, status: "enrolled", mandate: null });
    expect(forgotten!.personRef).toMatch(/^prs_purged-/);
    expect(kept).toMatchObject({ id: olga, personRef: OTHER, displayName: "Olga O.", status: "enrolled" });
    const group = await json<{ seats: { enrolled: number; waitlisted: number } }>(
      await client.get(`/v1/groups/${peers}`, facilitator),
    );
    expect(group.seats).toEqual({ enrolled: 2, waitlisted: 0 });
    // A waitlist place nobody can be told about is given up, without freeing or taking a seat.
    const waiting = (await list(full, facilitator)).find((e) => e.id === veraWaiting);
    expect(waiting).toMatchObject({ status: "withdrawn", reason: "person_purged", displayName: null });
    expect(waiting!.personRef).toBe(forgotten!.personRef);

    const roster = await json<{
      items: Array<{
        enrolmentId: string;
        displayName: string | null;
        attendance: string;
        note: string | null;
      }>;
    }>(await client.get(`/v1/sessions/${sessions[0]!.id}/attendance`, facilitator));
    expect(roster.items.map((r) => [r.enrolmentId, r.displayName, r.attendance, r.note])).toEqual([
      [vera, null, "absent", null],
      [olga, "Olga O.", "present", "Olga a animé le tour de table"],
    ]);
    // The safety check-in stays for the facilitator to close, without a name.
    const checkIns = await json<{ items: Array<{ enrolmentId: string; displayName: string | null }> }>(
      await client.get("/v1/check-ins", facilitator),
    );
    expect(checkIns.items).toEqual([expect.objectContaining({ enrolmentId: vera, displayName: null })]);
    const awaiting = await json<{ items: unknown[] }>(
      await client.get("/v1/placements", { role: "coordinator" }),
    );
    expect(awaiting.items).toEqual([]);

    // The forgotten victim is still in the group: the author is still kept out of it.
    const refused = await problem(
      await client.post(`/v1/groups/${peers}/enrolments`, { personRef: AUTHOR }, facilitator),
    );
    expect(refused).toMatchObject({ status: 409, code: "safety_separation" });

    // The same purge again (another event for the same person): nothing left to change.
    const before = await personalText();
    await publish(purged(VICTIM));
    await processed("groups-person-purged", 2);
    expect(await personalText()).toBe(before);

    // The author next: mandate and name go, the link stays between the two tombstones.
    await publish(purged(AUTHOR));
    await processed("groups-person-purged", 3);
    const [programmeRow] = await list(programme, staff);
    expect(programmeRow).toMatchObject({ id: axel, displayName: null, mandate: null, status: "enrolled" });
    const links = await service.database.db.select().from(separations);
    expect(links).toHaveLength(2);
    expect(
      links.every((l) => l.personRef.startsWith("prs_purged-") && l.otherPersonRef.startsWith("prs_purged-")),
    ).toBe(true);
    expect(await personalText()).not.toContain(AUTHOR);
    expect(await personalText()).not.toContain(mandate.caseReference);
  });
});
