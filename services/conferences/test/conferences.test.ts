import {
  ActionOverdue,
  createEvent,
  type Envelope,
  InvitationSent,
  InviteeSealed,
  PersonPurged,
} from "@relais/contracts";
import {
  contactPreferences,
  ManualClock,
  referralReceived,
  referredPerson,
  staleTokens,
  useService,
  waitFor,
} from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  actions,
  agendaItems,
  auditLog,
  decisions,
  idempotencyKeys,
  inbox,
  invitees,
  outbox,
  referralIndex,
} from "../src/db/schema.js";
import {
  type Caller,
  CPAS,
  conferenceInput,
  cpas,
  json,
  ORG,
  PARQUET,
  parquet,
  police,
  problem,
} from "./client.js";
import { type ConferencesService, startConferences } from "./harness.js";

interface Conference {
  id: string;
  sequence: number;
  meetings: string[];
  invitees: Array<{ id: string; organisation: string; role: string; email?: string; you: boolean }>;
  items: Array<{
    id: string;
    summary: string;
    referralId?: string;
    audience?: string[];
    decisions: Array<{ id: string; actions: Array<{ id: string; status: string; overdue: boolean }> }>;
  }>;
}

const REFERRAL = "ref-0001-seraing";
const OTHER_ORG_REFERRAL = "ref-0002-namur";

function referralEvent(referralId: string, orgId: string) {
  return referralReceived(orgId, {
    referralId,
    childrenPresent: true,
    persons: [
      referredPerson(`prs_${referralId.replace(/[^a-z0-9]/g, "")}`, "victim", {
        preferences: contactPreferences(["phone"]),
      }),
    ],
  });
}

async function outboxEvents(service: ConferencesService): Promise<Envelope<Record<string, unknown>>[]> {
  const rows = await service.database.db.select().from(outbox);
  return rows.map((row) => JSON.parse(row.payload));
}

describe("case conferences", () => {
  let service: ConferencesService;
  const clock = new ManualClock("2026-03-01T09:00:00Z");
  let conference: Conference;
  let openItem: string;
  let confidentialItem: string;

  useService((nats) => startConferences(nats, { clock }), {
    started: async (started) => {
      service = started;
      service.runner.start();
      // The referrals the service learns of, twice for one of them (a redelivery past JetStream's
      // duplicate window): the index keeps one row each.
      const js = await service.bus.jetstream();
      const mine = referralEvent(REFERRAL, ORG);
      const payload = new TextEncoder().encode(JSON.stringify(mine));
      await js.publish(mine.type, payload, { msgID: mine.id });
      await js.publish(mine.type, payload, { msgID: `${mine.id}-again` });
      const other = referralEvent(OTHER_ORG_REFERRAL, "org-namur");
      await js.publish(other.type, new TextEncoder().encode(JSON.stringify(other)), { msgID: other.id });
      await waitFor(async () => (await service.database.db.select().from(referralIndex)).length === 2, {
        timeoutMs: 10_000,
        message: "referrals indexed",
      });
    },
  });

  it("schedules a monthly conference at 14:00 Brussels time across both DST changes, one invite per invitee", async () => {
    const response = await service.client.post("/v1/conferences", conferenceInput());
    expect(response.status).toBe(201);
    const created = await json<Conference>(response);
    // The stored answer (and the first one) lists invitees without their addresses.
    expect(created.invitees.every((i) => i.email === undefined)).toBe(true);
    const stored = await service.database.db.select().from(idempotencyKeys);
    expect(JSON.stringify(stored)).not.toContain("parquet.example");

    const read = await service.client.get(`/v1/conferences/${created.id}`);
    conference = await json<Conference>(read);
    expect(conference.invitees.map((i) => i.email)).toEqual([
      "concertation@parquet.example",
      "vif@cpas-seraing.example",
      "cellule.vif@pz5277.example",
    ]);
    // Second Tuesdays: 10 March (CET), 14 April (CEST, after 29 March), 13 October (CEST),
    // 10 November (CET, after 25 October): always 14:00 local.
    expect(conference.meetings.slice(0, 2)).toEqual([
      "2026-03-10T14:00:00+01:00",
      "2026-04-14T14:00:00+02:00",
    ]);
    expect(conference.meetings).toContain("2026-10-13T14:00:00+02:00");
    expect(conference.meetings).toContain("2026-11-10T14:00:00+01:00");
    expect(conference.meetings).toHaveLength(10);

    const events = (await outboxEvents(service)).filter((e) => e.type === InvitationSent.type);
    expect(events).toHaveLength(3);
    const opened = events.map((e) => {
      const data = InvitationSent.data.parse(e.data);
      expect(data).toMatchObject({
        method: "REQUEST",
        sequence: 0,
        calendar: { rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10" },
      });
      return InviteeSealed.parse(service.openAsNotifications.open(data.sealed, InvitationSent.type)).email;
    });
    expect(opened.sort()).toEqual([
      "cellule.vif@pz5277.example",
      "concertation@parquet.example",
      "vif@cpas-seraing.example",
    ]);
    // Neither the outbox nor the table holds an address in plaintext.
    expect(JSON.stringify(await service.database.db.select().from(outbox))).not.toContain("@parquet.example");
    expect(JSON.stringify(await service.database.db.select().from(invitees))).not.toContain(
      "@parquet.example",
    );
  });

  it("answers bad input with 400 naming the field", async () => {
    const { client } = service;
    const cases: Array<[unknown, string]> = [
      [conferenceInput({ title: "" }), "title"],
      [
        conferenceInput({
          schedule: { dtstart: "2026-03-10T14:00", rrule: "FREQ=HOURLY;COUNT=2", durationMinutes: 60 },
        }),
        "schedule.rrule",
      ],
      [conferenceInput({ schedule: { dtstart: "10/03/2026", durationMinutes: 60 } }), "schedule.dtstart"],
      [
        conferenceInput({
          invitees: [
            { organisation: ORG, organisationName: "Police", role: "police", email: "a@pz.example" },
          ],
        }),
        "invitees.0.zone",
      ],
      [
        conferenceInput({
          invitees: [{ organisation: PARQUET, organisationName: "P", role: "partner", email: "nope" }],
        }),
        "invitees.0.email",
      ],
    ];
    for (const [body, path] of cases) {
      const answer = await problem(await client.post("/v1/conferences", body));
      expect(answer.status, path).toBe(400);
      expect(answer.paths, path).toContain(path);
    }
    const items = `/v1/conferences/${conference.id}/items`;
    const item = { referralId: REFERRAL, summary: "s", question: "q" };
    expect((await problem(await client.post(items, { ...item, confidential: true }))).paths).toContain(
      "audience",
    );
    expect(
      (await problem(await client.post(items, { ...item, referralId: OTHER_ORG_REFERRAL }))).paths,
    ).toContain("referralId");
    expect(
      (await problem(await client.post(items, { ...item, confidential: true, audience: ["not-an-invitee"] })))
        .paths,
    ).toContain("audience.0");
  });

  it("puts two items on the agenda, one confidential to the parquet; each partner sees only theirs", async () => {
    const { client } = service;
    const [parquetInvitee] = conference.invitees;
    const items = `/v1/conferences/${conference.id}/items`;
    const open = await client.post(items, {
      referralId: REFERRAL,
      summary: "Mère et deux enfants, violences répétées ; hébergée chez sa sœur.",
      question: "Le CPAS peut-il ouvrir une aide au logement ?",
    });
    expect(open.status).toBe(201);
    openItem = (await json<{ id: string }>(open)).id;
    const secret = await client.post(items, {
      referralId: REFERRAL,
      summary: "Plainte en cours, audition prévue.",
      question: "Le parquet envisage-t-il une interdiction de résidence ?",
      confidential: true,
      audience: [parquetInvitee!.id],
    });
    expect(secret.status).toBe(201);
    confidentialItem = (await json<{ id: string }>(secret)).id;

    const asParquet = await json<Conference>(await client.get(`/v1/conferences/${conference.id}`, parquet));
    expect(asParquet.items.map((i) => i.id)).toEqual([openItem, confidentialItem]);
    // A partner sees the summary, never the referral id, the audience or anyone's address.
    expect(asParquet.items[0]).not.toHaveProperty("referralId");
    expect(asParquet.items[1]).not.toHaveProperty("audience");
    expect(asParquet.invitees.every((i) => i.email === undefined)).toBe(true);
    expect(asParquet.invitees.find((i) => i.you)?.id).toBe(parquetInvitee!.id);

    const cpasResponse = await client.get(`/v1/conferences/${conference.id}`, cpas);
    const cpasText = await cpasResponse.clone().text();
    const asCpas = await json<Conference>(cpasResponse);
    expect(asCpas.items.map((i) => i.id)).toEqual([openItem]);
    expect(cpasText).not.toContain(confidentialItem);
    expect(cpasText).not.toContain("interdiction");
    expect(cpasResponse.headers.get("cache-control")).toContain("no-store");

    // The police of the invited zone see the open item; the minutes follow the same rule.
    const asPolice = await json<Conference>(await client.get(`/v1/conferences/${conference.id}`, police));
    expect(asPolice.items.map((i) => i.id)).toEqual([openItem]);
    const minutes = await client.get(`/v1/conferences/${conference.id}/minutes?lang=nl`, cpas);
    expect(minutes.headers.get("content-type")).toContain("text/html");
    const html = await minutes.text();
    expect(html).toContain("hébergée chez sa sœur");
    expect(html).toContain("Verslag");
    expect(html).not.toContain("interdiction");
    // No contact detail: the organisations by name, never an address.
    expect(html).not.toMatch(/[\w.-]+@[\w.-]+/);
    expect(html).toContain("CPAS de Seraing");
  });

  it("keeps other organisations, the uninvited, other zones and stale tokens out, with real ids, and audits", async () => {
    const { client } = service;
    const outsiders: Array<[string, Caller]> = [
      ["partner of an uninvited organisation", { role: "partner", org: "org-justice-house", sub: "mj-1" }],
      ["coordinator of another organisation", { role: "coordinator", org: "org-namur", sub: "coord-namur" }],
      ["police of another zone", { role: "police", org: ORG, sub: "officer-9", zone: "5300" }],
      ["the parquet with the police role", { role: "police", org: PARQUET, sub: "x", zone: "5277" }],
      ["a caseworker of the organiser", { role: "caseworker", org: ORG, sub: "cw-1" }],
    ];
    for (const [who, caller] of outsiders) {
      for (const path of [`/v1/conferences/${conference.id}`, `/v1/conferences/${conference.id}/minutes`]) {
        const response = await client.get(path, caller);
        expect([403, 404], `${who} ${path}`).toContain(response.status);
        expect(await response.text()).not.toContain("sœur");
      }
      const list = await client.get("/v1/conferences", caller);
      if (list.status === 200) expect((await json<{ items: unknown[] }>(list)).items, who).toEqual([]);
    }
    // Partners cannot change anything of the organiser's.
    expect((await client.patch(`/v1/conferences/${conference.id}`, { title: "x" }, parquet)).status).toBe(
      403,
    );
    expect(
      (
        await client.post(
          `/v1/conferences/${conference.id}/items`,
          { referralId: REFERRAL, summary: "s", question: "q" },
          parquet,
        )
      ).status,
    ).toBe(403);

    const stale = await staleTokens({ role: "partner", org: PARQUET, sub: "parquet-rep" });
    for (const token of Object.values(stale)) {
      expect((await client.get(`/v1/conferences/${conference.id}`, { token })).status).toBe(401);
    }

    // Every read is in the organiser's trail, a partner's under their organisation; refusals in
    // the refused caller's own.
    const audit = await json<{ items: Array<{ action: string; actor: { sub: string }; recordId: string }> }>(
      await client.get(`/v1/audit?recordId=${conference.id}&limit=200`),
    );
    const readers = audit.items.filter((e) => e.action === "conference.read").map((e) => e.actor.sub);
    expect(readers).toContain(`${PARQUET}/parquet-rep`);
    expect(readers).toContain(`${CPAS}/cpas-rep`);
    expect(readers).toContain("coord-1");
    expect(
      audit.items.some((e) => e.action === "conference.minutes" && e.actor.sub === `${CPAS}/cpas-rep`),
    ).toBe(true);
    const denied = await service.database.db.select().from(auditLog);
    expect(
      denied.some(
        (r) => r.org === "org-justice-house" && r.outcome === "denied" && r.recordId === conference.id,
      ),
    ).toBe(true);
  });

  it("records a decision with an action the CPAS owns; the owner closes it, others cannot, and is reminded once", async () => {
    const { client } = service;
    const cpasInvitee = conference.invitees[1];
    const base = `/v1/conferences/${conference.id}/items`;
    // Nobody who cannot see the confidential item may own an action of it.
    const refused = await problem(
      await client.post(`${base}/${confidentialItem}/decisions`, {
        text: "x",
        actions: [{ ownerInviteeId: cpasInvitee!.id, description: "y", dueDate: "2026-03-20" }],
      }),
    );
    expect(refused.paths).toEqual(["actions.0.ownerInviteeId"]);
    expect(
      (
        await problem(
          await client.post(`${base}/${openItem}/decisions`, {
            text: "x",
            actions: [{ ownerInviteeId: cpasInvitee!.id, description: "y", dueDate: "2026-02-30" }],
          }),
        )
      ).paths,
    ).toEqual(["actions.0.dueDate"]);

    const decided = await client.post(`${base}/${openItem}/decisions`, {
      text: "Aide au logement à instruire en urgence.",
      actions: [
        {
          ownerInviteeId: cpasInvitee!.id,
          description: "Ouvrir le dossier d'aide au logement",
          dueDate: "2026-03-20",
        },
      ],
    });
    expect(decided.status).toBe(201);
    const mine = await json<{ items: Array<{ id: string; overdue: boolean; conferenceTitle: string }> }>(
      await client.get("/v1/my/actions", cpas),
    );
    expect(mine.items).toHaveLength(1);
    const actionId = mine.items[0]!.id;
    expect((await json<{ items: unknown[] }>(await client.get("/v1/my/actions", parquet))).items).toEqual([]);
    const myItems = await json<{ items: Array<{ item: { id: string } }> }>(
      await client.get("/v1/my/items", cpas),
    );
    expect(myItems.items.map((i) => i.item.id)).toEqual([openItem]);

    // Overdue from the end of 20 March, Brussels time (23:00Z): one reminder, even after a restart.
    clock.set(new Date("2026-03-20T22:59:00Z"));
    await service.reminders.tick();
    expect((await outboxEvents(service)).filter((e) => e.type === ActionOverdue.type)).toHaveLength(0);
    clock.set(new Date("2026-03-21T08:00:00Z"));
    await service.reminders.tick();
    await service.reminders.tick();
    await service.restartedReminders().tick();
    const reminders = (await outboxEvents(service)).filter((e) => e.type === ActionOverdue.type);
    expect(reminders).toHaveLength(1);
    const data = ActionOverdue.data.parse(reminders[0]!.data);
    expect(data).toMatchObject({ actionId, dueDate: "2026-03-20", language: "nl" });
    expect(InviteeSealed.parse(service.openAsNotifications.open(data.sealed, ActionOverdue.type)).email).toBe(
      "vif@cpas-seraing.example",
    );
    expect(
      (await json<{ items: Array<{ overdue: boolean }> }>(await client.get("/v1/my/actions", cpas))).items[0]
        ?.overdue,
    ).toBe(true);

    expect((await client.patch(`/v1/actions/${actionId}`, { status: "done" }, parquet)).status).toBe(404);
    expect((await client.patch(`/v1/actions/${actionId}`, { status: "finished" }, cpas)).status).toBe(400);
    const done = await client.patch(`/v1/actions/${actionId}`, { status: "done" }, cpas);
    expect(done.status).toBe(200);
    expect(await json(done)).toMatchObject({ status: "done", overdue: false });
  });

  it("lets an action's owner change it only while they see its item", async () => {
    const { client } = service;
    const [parquetInvitee] = conference.invitees;
    const [action] = (await json<{ items: Array<{ id: string }> }>(await client.get("/v1/my/actions", cpas)))
      .items;
    const item = `/v1/conferences/${conference.id}/items/${openItem}`;
    const later = await client.post(`${item}/decisions`, {
      text: "Suivi du dossier.",
      actions: [
        { ownerInviteeId: conference.invitees[1]!.id, description: "Rappeler", dueDate: "2026-03-25" },
      ],
    });
    expect(later.status).toBe(201);
    // The organiser makes the item confidential to the parquet: the CPAS's actions go with it.
    const hidden = await client.patch(item, { confidential: true, audience: [parquetInvitee!.id] });
    expect(hidden.status).toBe(200);
    // Overdue while hidden: marked, never sent to someone who no longer sees the item.
    const before = (await outboxEvents(service)).filter((e) => e.type === ActionOverdue.type).length;
    clock.set(new Date("2026-03-26T08:00:00Z"));
    await service.reminders.tick();
    expect((await outboxEvents(service)).filter((e) => e.type === ActionOverdue.type)).toHaveLength(before);
    clock.set(new Date("2026-03-21T08:00:00Z"));
    const refused = await client.patch(`/v1/actions/${action!.id}`, { status: "open" }, cpas);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("logement");
    expect((await json<{ items: unknown[] }>(await client.get("/v1/my/actions", cpas))).items).toEqual([]);
    // The organiser still may; shown to all again, the owner may too.
    expect((await client.patch(`/v1/actions/${action!.id}`, { status: "done" })).status).toBe(200);
    expect((await client.patch(item, { confidential: false })).status).toBe(200);
    expect((await client.patch(`/v1/actions/${action!.id}`, { status: "done" }, cpas)).status).toBe(200);
  });

  it("sends a changed schedule to all with a higher SEQUENCE, a CANCEL to the uninvited, and CANCEL to all on cancellation", async () => {
    const { client } = service;
    const before = (await outboxEvents(service)).length;
    const [p, c, pol] = conference.invitees;
    const patched = await client.patch(`/v1/conferences/${conference.id}`, {
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: "2026-03-10T09:30",
        rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
        durationMinutes: 90,
      },
      invitees: [
        {
          id: p!.id,
          organisation: PARQUET,
          organisationName: "Parquet de Liège",
          role: "partner",
          email: "concertation@parquet.example",
        },
        {
          id: pol!.id,
          organisation: ORG,
          organisationName: "Zone de police Seraing-Neupré",
          role: "police",
          zone: "5277",
          email: "cellule.vif@pz5277.example",
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({
      sequence: 1,
      meetings: expect.arrayContaining(["2026-04-14T09:30:00+02:00"]),
    });
    const sent = (await outboxEvents(service)).slice(before).map((e) => InvitationSent.data.parse(e.data));
    expect(sent.map((e) => [e.inviteeId, e.method, e.sequence]).sort()).toEqual(
      [
        [c!.id, "CANCEL", 1],
        [p!.id, "REQUEST", 1],
        [pol!.id, "REQUEST", 1],
      ].sort(),
    );
    // The CPAS is no longer invited: the conference is gone for it.
    expect((await client.get(`/v1/conferences/${conference.id}`, cpas)).status).toBe(404);

    const cancelled = await client.post(`/v1/conferences/${conference.id}/cancel`, {});
    expect(await json(cancelled)).toMatchObject({ status: "cancelled", sequence: 2, nextStartsAt: null });
    // A cancelled conference takes no more changes: no new title, no new item.
    const refusals = [
      await client.patch(`/v1/conferences/${conference.id}`, { title: "Encore une fois" }),
      await client.post(`/v1/conferences/${conference.id}/items`, {
        referralId: REFERRAL,
        summary: "s",
        question: "q",
      }),
    ];
    for (const refused of refusals) {
      expect(await problem(refused)).toMatchObject({ status: 409, code: "conference_cancelled" });
    }
    const last = (await outboxEvents(service))
      .slice(before + 3)
      .map((e) => InvitationSent.data.parse(e.data));
    expect(last.map((e) => [e.inviteeId, e.method, e.sequence]).sort()).toEqual(
      [
        [p!.id, "CANCEL", 2],
        [pol!.id, "CANCEL", 2],
      ].sort(),
    );
  });

  it("publishes each event once to JetStream (Nats-Msg-Id = event id)", async () => {
    service.relay.start();
    const count = (await service.database.db.select().from(outbox)).length;
    const jsm = await service.bus.manager();
    await waitFor(async () => (await jsm.streams.info("CONFERENCES")).state.messages === count, {
      timeoutMs: 10_000,
      message: "outbox published",
    });
    // Published rows are marked sent; running the relay again publishes nothing twice.
    service.relay.wake?.();
    await new Promise((r) => setTimeout(r, 300));
    expect((await jsm.streams.info("CONFERENCES")).state.messages).toBe(count);
  });
  it("forgets a purged referral: its index row, items, decisions and actions, exactly once", async () => {
    const { client, database } = service;
    const js = await service.bus.jetstream();
    const publish = (event: { id: string; type: string }, msgID = event.id) =>
      js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID });
    const PURGED = "ref-0003-purged";
    await publish(referralEvent(PURGED, ORG));
    await waitFor(async () => (await database.db.select().from(referralIndex)).length === 3, {
      timeoutMs: 10_000,
      message: "purged referral indexed",
    });
    const scheduled = await json<Conference>(await client.post("/v1/conferences", conferenceInput()));
    const cpasInvitee = scheduled.invitees[1]!;
    const created = await client.post(`/v1/conferences/${scheduled.id}/items`, {
      referralId: PURGED,
      summary: "Victime relogée à Ougrée, école des enfants changée.",
      question: "Qui accompagne la famille au tribunal ?",
    });
    expect(created.status).toBe(201);
    const itemId = (await json<{ id: string }>(created)).id;
    const decided = await client.post(`/v1/conferences/${scheduled.id}/items/${itemId}/decisions`, {
      text: "Accompagnement par la maison de justice.",
      actions: [
        {
          ownerInviteeId: cpasInvitee.id,
          description: "Réserver la salle d'audition",
          dueDate: "2026-04-20",
        },
      ],
    });
    expect(decided.status).toBe(201);
    const detail = `/v1/conferences/${scheduled.id}`;
    expect((await json<Conference>(await client.get(detail, cpas))).items.map((i) => i.id)).toEqual([itemId]);

    // Referrals sends one event per person of the referral; JetStream redelivers past its window.
    const purged = (personRef: string) =>
      createEvent(PersonPurged, {
        orgId: ORG,
        source: "referrals",
        correlationId: PURGED,
        data: { personRef, referralId: PURGED },
      });
    const victim = purged("prs_ref0003purged");
    await publish(victim);
    await publish(purged("prs_ref0003purged-child"));
    await publish(victim, `${victim.id}-again`);
    await waitFor(
      async () =>
        (await database.db.select().from(inbox)).filter((r) => r.consumer === "conferences-person-purged")
          .length === 2,
      { timeoutMs: 10_000, message: "purges consumed" },
    );
    // The redelivery reaches the consumer after the inbox says it was handled: give it time.
    await new Promise((r) => setTimeout(r, 300));

    const leaks = ["Ougrée", "tribunal", "maison de justice", "salle d'audition"];
    const readable = [
      await client.get(detail),
      await client.get(detail, cpas),
      await client.get(detail, police),
      await client.get(`${detail}/minutes?lang=fr`),
      await client.get(`${detail}/minutes?lang=fr`, cpas),
      await client.get("/v1/my/items", cpas),
      await client.get("/v1/my/actions", cpas),
    ];
    for (const response of readable) {
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const leak of leaks) expect(text).not.toContain(leak);
      expect(text).not.toContain(itemId);
    }
    expect((await json<Conference>(await client.get(detail))).items).toEqual([]);
    const known = await client.get("/v1/known-referrals");
    expect(await known.text()).not.toContain(PURGED);
    const db = database.db;
    expect(await db.select().from(referralIndex).where(eq(referralIndex.referralId, PURGED))).toEqual([]);
    expect(await db.select().from(agendaItems).where(eq(agendaItems.id, itemId))).toEqual([]);
    expect(await db.select().from(decisions).where(eq(decisions.itemId, itemId))).toEqual([]);
    expect(await db.select().from(actions).where(eq(actions.itemId, itemId))).toEqual([]);
    expect(JSON.stringify(await db.select().from(idempotencyKeys))).not.toContain(itemId);
    // Other referrals' items stay; the purge is on the trail once, ids only.
    expect(await db.select().from(agendaItems).where(eq(agendaItems.referralId, REFERRAL))).not.toEqual([]);
    const trail = (await db.select().from(auditLog)).filter((r) => r.action === "retention.purge");
    expect(trail.map((r) => [r.org, r.actorSub, r.recordType, r.recordId]).sort()).toEqual(
      [
        [ORG, "system:retention", "agenda_item", itemId],
        [ORG, "system:retention", "referral", PURGED],
      ].sort(),
    );
  });
});
