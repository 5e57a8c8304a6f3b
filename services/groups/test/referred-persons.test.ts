// What a referral says of a person holds however staff reach the enrolment: the kinds of group
// their role fits, and how they are reached (their consent, "do not contact", discretion). Found
// from outside: a facilitator could enrol a referred author in a victims' peer group by his
// person reference, or give a "do not contact" victim an address of their choosing.
import { createEvent, SupportRequested } from "@relais/contracts";
import { ManualClock, referralReceived, referredPerson, useService, waitFor } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { outbox, placements, referredPersons } from "../src/db/schema.js";
import { forgetPerson } from "../src/events/person-purged.js";
import { coordinator, discreetByPhone, facilitator, groupInput, json, ORG, problem } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

const preferences = discreetByPhone;

describe("a referred person's enrolment", () => {
  let service: GroupsService;
  useService((nats) => startGroups(nats, { clock: new ManualClock("2026-01-10T09:00:00Z") }), {
    started: async (started) => {
      service = started;
      service.runner.start();
    },
  });

  const publish = async (event: { type: string; id: string }) => {
    const js = await service.bus.jetstream();
    await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
  };
  /** A referral of `victim` (do not contact) and `author`, as referrals publishes it; waits until groups has it. */
  async function refer(victim: string, author: string) {
    await publish(
      referralReceived(ORG, {
        referralId: `ref-${victim}`,
        persons: [
          referredPerson(victim, "victim", { preferences: { ...preferences, doNotContact: true } }),
          referredPerson(author, "author", { preferences }),
        ],
      }),
    );
    await waitFor(async () => (await service.database.db.select().from(referredPersons)).length >= 2, {
      timeoutMs: 10_000,
      message: "the referral's persons recorded",
    });
  }
  const newGroup = async (overrides: Record<string, unknown>) =>
    (await json<{ id: string }>(await service.client.post("/v1/groups", groupInput(overrides), coordinator)))
      .id;
  const enrol = (groupId: string, body: Record<string, unknown>) =>
    service.client.post(`/v1/groups/${groupId}/enrolments`, body, facilitator);
  const announced = async () =>
    (await service.database.db.select().from(outbox)).filter((row) =>
      row.subject.startsWith("groups.enrolment"),
    );

  it("keeps a referred author out of a victims' peer group, with a refusal that names no role", async () => {
    const victim = "prs_victim0101";
    const author = "prs_author0101";
    await refer(victim, author);
    const victims = await newGroup({ kind: "victim_peer" });
    const parents = await newGroup({
      kind: "parent",
      location: { kind: "venue", address: "Place Communale 1, 4100 Seraing" },
    });
    const before = (await announced()).length;

    const refused = await problem(await enrol(victims, { personRef: author, displayName: "X" }));
    expect(refused).toMatchObject({
      status: 409,
      code: "group_kind_not_for_role",
      paths: ["personRef"],
      fieldCodes: ["not_for_role"],
    });
    expect(JSON.stringify(refused)).not.toMatch(/author|victim/i);
    // Nothing enrolled, so nobody is told where the group meets.
    expect(await announced()).toHaveLength(before);
    expect(
      (
        await json<{ items: unknown[] }>(
          await service.client.get(`/v1/groups/${victims}/enrolments`, facilitator),
        )
      ).items,
    ).toEqual([]);

    // A parent group fits an author; the victim, too, joins her peer group.
    expect((await enrol(parents, { personRef: author })).status).toBe(201);
    expect((await enrol(victims, { personRef: victim })).status).toBe(201);
    // A victim never joins a perpetrator programme.
    const programme = await newGroup({ kind: "perpetrator", facilitators: [{ sub: "facilitator-1" }] });
    expect(await problem(await enrol(programme, { personRef: victim }))).toMatchObject({
      status: 409,
      code: "group_kind_not_for_role",
    });
  });

  it("refuses contact details or preferences staff type for a referred person, and for a placement's", async () => {
    const victim = "prs_victim0102";
    await refer(victim, "prs_author0102");
    const group = await newGroup({ kind: "victim_peer" });
    const before = (await announced()).length;
    const typed = {
      personRef: victim,
      displayName: "N",
      contact: { email: "someone.else@example.org" },
      preferences: { channels: ["email"], discreet: false },
    };
    const refused = await problem(await enrol(group, typed));
    expect(refused).toMatchObject({
      status: 400,
      code: "invalid",
      paths: ["contact", "preferences"],
      fieldCodes: ["from_referral", "from_referral"],
    });
    expect(JSON.stringify(refused)).not.toContain("someone.else");
    expect(await announced()).toHaveLength(before);

    // A placement's person came from a referral, even when groups has not heard of the referral.
    await publish(
      createEvent(SupportRequested, {
        orgId: ORG,
        source: "referrals",
        data: {
          referralId: "ref-unheard",
          personRef: "prs_unheard0102",
          role: "victim",
          groupKind: "parent",
          language: "nl",
          municipality: "Visé",
          timeZone: "Europe/Brussels",
        },
      }),
    );
    await waitFor(
      async () =>
        (await service.database.db.select().from(placements)).some((p) => p.personRef === "prs_unheard0102"),
      { timeoutMs: 10_000, message: "the placement recorded" },
    );
    const [placement] = (await service.database.db.select().from(placements)).filter(
      (p) => p.personRef === "prs_unheard0102",
    );
    const parents = await newGroup({ kind: "parent", language: "nl", municipality: "Wezet" });
    const fromPlacement = await problem(
      await enrol(parents, { placementId: placement!.id, contact: { phone: "+32470000000" } }),
    );
    expect(fromPlacement).toMatchObject({ status: 400, paths: ["contact"], fieldCodes: ["from_referral"] });
    expect((await enrol(parents, { placementId: placement!.id })).status).toBe(201);
    // Someone no referral names is enrolled with what staff typed, as before.
    expect(
      (await enrol(group, { personRef: "prs_walkin0102", contact: { phone: "+32470000001" } })).status,
    ).toBe(201);
  });

  it("forgets a purged person's role with the rest of them", async () => {
    await refer("prs_victim0103", "prs_author0103");
    await service.database.write((tx) => forgetPerson(tx, ORG, "prs_author0103", new Date()));
    const left = await service.database.db.select().from(referredPersons);
    expect(left.map((r) => r.personRef)).toContain("prs_victim0103");
    expect(left.map((r) => r.personRef)).not.toContain("prs_author0103");
  });
});
