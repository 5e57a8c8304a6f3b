// The story end to end on the real parts (the services as processes, a real nats-server,
// the SMTP sink), checked at each step over HTTP and at the sink; then, on the same run, no
// plaintext contact data at rest (issue 10, part 3). One run of the story serves both: it is
// the longest thing the suite does.
//
// At rest: after the story the stack gets plus a direct enrolment that comes with contact details, a referral of a person
// who gave no consent, and a dead-lettered event that carries a person in clear (as a rogue or
// outdated producer would send it). Then every byte the stack wrote is searched for the phone
// numbers and e-mail addresses used, and for the persons' names:
// - every database file with its -wal and -shm, read while the services run and again after
//   they stopped (a checkpoint moves the WAL into the database file);
// - the JetStream store directory, after the server stopped;
// - the services' and the server's whole log output;
// - the mail: what was sent to the SMTP sink, and any file under the mail directory. A mail
//   delivered to a person's own address naturally carries that address (and may greet them by
//   name): those mails are the one thing left out, for that person's values only.
//
// Names may live in one place only, as DESIGN says "groups keeps a display name and a person
// reference": the groups database's `enrolments.display_name` and `placements.display_name`.
// Everywhere else (referrals and notifications seal them with their DATA_KEY, events seal them
// for their recipient) a name in clear is a finding. The groups database is therefore searched
// for names column by column (all columns but those two), and byte by byte for contact values.
// Staff (facilitators, call-back workers) and institutions (the justice house, team mailboxes)
// are not the persons this promise is about; their names and addresses are not searched.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { newId, type Role } from "@relais/contracts";
import { mintToken, type NatsProcess, POLICE_STATUS_FIELDS, startNats, waitFor } from "@relais/testing";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIn, type Hit, scanColumns, scanFiles } from "./at-rest-scan.js";
import { SERVICE_NAMES, type Stack, startStack } from "./stack.js";
import {
  AUTHOR_TEAM,
  POLICE_ZONE,
  runStory,
  STORY_MUNICIPALITY,
  type StoryResult,
  VICTIM_TEAM,
} from "./story.js";
import { type Mail, parseMail } from "./story-mail.js";

const ORG = "org-at-rest";

interface Person {
  name: string;
  surname: string;
  phone: string;
  email: string;
  /** The victim's emergency place: its address is as secret as her phone number. */
  address?: string;
}

/** The places DESIGN keeps a display name: groups' enrolments and placements. */
const NAME_PLACES = ["enrolments.display_name", "placements.display_name"];

const DIRECT: Person = {
  name: "Lotte Vermeulen",
  surname: "Vermeulen",
  phone: "+32475310987",
  email: "lotte.vermeulen@webmail.example",
};
const NO_CONSENT: Person = {
  name: "Marc Verhoeven",
  surname: "Verhoeven",
  phone: "+32479024618",
  email: "marc.verhoeven@webmail.example",
};
const DEAD_LETTERED: Person = {
  name: "Sofie Wouters",
  surname: "Wouters",
  phone: "+32476881204",
  email: "sofie.wouters@webmail.example",
};

/** How a referral names `who`: her name and contact as filed, in Brussels time, with no safe window. */
const asReferred = (who: Person, channel: "phone" | "sms") => ({
  displayName: who.name,
  timeZone: "Europe/Brussels",
  contact: { phone: who.phone, email: who.email },
  preferences: { channels: [channel], safeWindows: [] },
});

/** A phone number is searched without its `+` too: that also finds it written as digits. */
const contactValues = (p: Person) => [p.phone.slice(1), p.email, ...(p.address ? [p.address] : [])];
const nameValues = (p: Person) => [p.name, p.surname];

async function sql(path: string, query: string): Promise<number> {
  const client = createClient({ url: `file:${path}` });
  try {
    return Number((await client.execute(query)).rows[0]?.[0] ?? 0);
  } finally {
    client.close();
  }
}

describe("the story, and every byte the stack wrote", () => {
  let dir: string;
  let nats: NatsProcess;
  let stack: Stack;
  let story: StoryResult;
  let people: Person[];
  let mails: Mail[];
  /** The mail and the dead letters right after the story, before the extra cases below. */
  let storyMails: Mail[];
  const deadLettersAfterStory: Record<string, number> = {};
  const found = {
    databases: [] as Hit[],
    names: [] as Hit[],
    jetstream: [] as Hit[],
    logs: [] as Hit[],
    mail: [] as Hit[],
    deadLetterList: [] as Hit[],
  };
  const scanned = { databases: 0, jetstream: 0 };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-at-rest-"));
    // A store the test owns, so it outlives the server and can be read after a clean stop.
    nats = await startNats({ storeDir: join(dir, "nats") });
    stack = await startStack({
      nats,
      keepLines: 1_000_000,
      env: { ROUTING_SEED_ORGS: ORG, SCHEDULER_INTERVAL_MS: "250", LOG_LEVEL: "debug" },
    });
    const token = (role: Role, sub: string, claims?: Record<string, unknown>) =>
      mintToken({ role, org: ORG, sub, claims, expiresIn: "1h" });
    const mailbox = {
      list: async () => stack.smtp.messages.map((m, i) => parseMail(String(i), m.raw, m.envelope.to)),
    };
    const runId = `at-rest-${Date.now()}`;
    story = await runStory({
      services: {
        groups: stack.services.groups.url,
        referrals: stack.services.referrals.url,
        notifications: stack.services.notifications.url,
        housing: stack.services.housing.url,
        conferences: stack.services.conferences.url,
      },
      runId,
      token,
      mailbox,
      timeoutMs: 45_000,
    });
    // The story waits for the mail it narrates; the copies to the programme's staff and the other
    // deliveries it does not wait for may still be on their way: the outboxes drained and the
    // staff copied, the mail the story sent is all there.
    await waitFor(
      async () =>
        ["pieter.claes@praxis-liege.example", "sarah.mertens@praxis-liege.example"].every((staff) =>
          stack.smtp.messages.some(
            (m) =>
              m.envelope.to.includes(staff) && (m.parsed.subject ?? "").includes(story.author.caseReference),
          ),
        ),
      { timeoutMs: 30_000, intervalMs: 200, message: "the programme staff's copies of the warning" },
    );
    storyMails = await mailbox.list();
    for (const service of Object.values(stack.services)) {
      await waitFor(
        async () =>
          (await sql(service.databasePath, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")) === 0,
        { timeoutMs: 30_000, message: `${service.name} outbox drained after the story` },
      );
      deadLettersAfterStory[service.name] = await sql(
        service.databasePath,
        "SELECT count(*) FROM dead_letters",
      );
    }
    const split = (name: string) => name.split(" ").at(-1)!;
    people = [
      { ...story.victim, surname: split(story.victim.name), address: story.housing.address },
      { ...story.author, surname: split(story.author.name) },
      DIRECT,
      NO_CONSENT,
      DEAD_LETTERED,
    ];
    const post = async (base: string, path: string, bearer: string, body: unknown, key: string) => {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${bearer}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return response.json();
    };

    // A facilitator enrols someone directly, with contact details: groups must pass them on, not keep them.
    await post(
      stack.services.groups.url,
      `/v1/groups/${story.victimGroupId}/enrolments`,
      await token("facilitator", "fac-nathalie-lejeune"),
      {
        personRef: `prs_direct-${Date.now()}`,
        displayName: DIRECT.name,
        language: "nl",
        contact: { email: DIRECT.email, phone: DIRECT.phone },
        preferences: { channels: ["email"], discreet: true },
      },
      `${runId}:direct`,
    );
    // A person who gave no consent: her contact details stay in the referral, in no event.
    const referral = (await post(
      stack.services.referrals.url,
      "/v1/referrals",
      await token("police", "zp5277-insp-dethier", { zone: POLICE_ZONE }),
      {
        policeZone: "ZP Seraing/Neupré (5277)",
        incidentReference: `LI.55.L7.${Date.now() % 1_000_000}/26`,
        incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
        kind: "partner",
        riskLevel: "medium",
        childrenPresent: false,
        municipality: STORY_MUNICIPALITY,
        persons: [{ role: "author", consent: false, language: "fr", ...asReferred(NO_CONSENT, "phone") }],
      },
      `${runId}:no-consent`,
    )) as { persons: Array<{ reason: string | null }> };
    expect(referral.persons[0]?.reason).toBe("no_consent");

    // An event that fails its schema and carries a person in clear: both consumers dead-letter it.
    const connection = await connect({ servers: nats.url });
    const id = newId();
    await connection.jetstream().publish(
      "referrals.referral.received",
      new TextEncoder().encode(
        JSON.stringify({
          id,
          type: "referrals.referral.received",
          version: 1,
          occurredAt: new Date().toISOString(),
          source: "referrals",
          orgId: ORG,
          correlationId: id,
          data: {
            referralId: "rfl-outdated",
            policeZone: "5277",
            municipality: STORY_MUNICIPALITY,
            riskLevel: "extreme",
            childrenPresent: false,
            persons: [
              {
                personRef: "prs_outdated-0001",
                role: "victim",
                consent: true,
                language: "nl",
                ...asReferred(DEAD_LETTERED, "sms"),
              },
            ],
          },
        }),
      ),
      { msgID: id },
    );
    await connection.close();

    const { groups, referrals, notifications, conferences } = stack.services;
    await waitFor(
      async () =>
        (await sql(groups.databasePath, "SELECT count(*) FROM dead_letters")) >= 1 &&
        (await sql(notifications.databasePath, "SELECT count(*) FROM dead_letters")) >= 1 &&
        (await sql(conferences.databasePath, "SELECT count(*) FROM dead_letters")) >= 1,
      {
        timeoutMs: 30_000,
        message: "the outdated event dead-lettered by groups, notifications and conferences",
      },
    );
    // Both referrals (the story's and the one without consent) reached both consumers.
    await waitFor(
      async () =>
        (await sql(
          notifications.databasePath,
          "SELECT count(*) FROM inbox WHERE consumer = 'notifications-referral-received'",
        )) >= 2 &&
        (await sql(
          groups.databasePath,
          "SELECT count(*) FROM inbox WHERE consumer = 'groups-referral-received'",
        )) >= 2,
      { timeoutMs: 30_000, message: "both referrals processed" },
    );
    await waitFor(async () => stack.smtp.messages.some((m) => m.envelope.to.includes(DIRECT.email)), {
      timeoutMs: 30_000,
      message: "the directly enrolled person's mail",
    });
    for (const service of [groups, referrals, notifications, stack.services.housing])
      await waitFor(
        async () =>
          (await sql(service.databasePath, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")) === 0,
        { timeoutMs: 30_000, message: `${service.name} outbox drained` },
      );

    // The coordinator's dead-letter list: what it shows must hold no one's data either.
    const coordinator = await token("coordinator", "coord-1");
    for (const service of [groups, notifications, conferences]) {
      const response = await fetch(`${service.url}/v1/dead-letters`, {
        headers: { authorization: `Bearer ${coordinator}` },
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect((JSON.parse(text) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(1);
      found.deadLetterList.push(
        ...findIn(
          `${service.name} GET /v1/dead-letters`,
          text,
          people.flatMap((p) => [...contactValues(p), ...nameValues(p)]),
        ),
      );
    }

    mails = stack.smtp.messages.map((m, i) => parseMail(String(i), m.raw, m.envelope.to));
    const contacts = people.flatMap(contactValues);
    const names = people.flatMap(nameValues);
    const isGroups = (path: string) => /(^|\/)groups\.db(-wal|-shm)?$/.test(path);

    const scanDatabases = async () => {
      // Every file under the stack's folder: the three databases with -wal and -shm, the mail folder.
      const all = scanFiles(stack.dataDir, contacts);
      const others = scanFiles(stack.dataDir, names, (path) => !isGroups(path));
      scanned.databases = Math.max(scanned.databases, all.scanned.length);
      found.databases.push(...all.hits);
      found.names.push(...others.hits, ...(await scanColumns(groups.databasePath, names, NAME_PLACES)));
    };
    await scanDatabases();

    for (const name of SERVICE_NAMES) await stack.services[name].process.stop();
    await scanDatabases();
    for (const name of SERVICE_NAMES)
      found.logs.push(
        ...findIn(`${name} log`, stack.services[name].process.output(), [...contacts, ...names]),
      );

    await nats.stop();
    found.logs.push(...findIn("nats-server log", nats.output(), [...contacts, ...names]));
    const store = scanFiles(nats.storeDir, [...contacts, ...names]);
    scanned.jetstream = store.scanned.length;
    found.jetstream.push(...store.hits);

    for (const mail of stack.smtp.messages) {
      const recipients = mail.envelope.to.map((address) => address.toLowerCase());
      const others = people.filter((p) => !recipients.includes(p.email.toLowerCase()));
      // The raw message and its decoded parts: base64 or quoted-printable would hide a value.
      const { text, html, subject, attachments } = mail.parsed;
      const decoded = [mail.raw, subject, text, html || "", ...attachments.map((a) => a.content.toString())];
      found.mail.push(
        ...findIn(
          `mail to ${recipients.join(",")}: ${subject}`,
          decoded.join("\n"),
          others.flatMap((p) => [...contactValues(p), ...nameValues(p)]),
        ),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("the story", () => {
    const to = (address: string) => storyMails.filter((m) => m.to.includes(address.toLowerCase()));

    it("routes the referral to Seraing's victim and author teams, and alerts both teams", () => {
      const alerted = story.teamAlerts.map((m) => m.to[0]);
      expect(alerted).toEqual([`${VICTIM_TEAM}@teams.relais.example`, `${AUTHOR_TEAM}@teams.relais.example`]);
      // As the referrals service recorded them, read back by the victim's worker.
      expect(story.victim.attemptOutcomes).toEqual(["no_answer", "reached"]);
    });

    it("keeps what the victim's worker wrote from the author's worker", () => {
      expect(story.author.workerView).not.toBe("");
      for (const secret of [story.victim.name, story.victim.phone, story.victim.email, "sonneries", "sœur"])
        expect(story.author.workerView).not.toContain(secret);
    });

    it("places the victim in the peer group and the author in the programme", () => {
      expect(story.victim.groupId).toBe(story.victimGroupId);
      expect(story.author.groupId).toBe(story.programmeId);
      expect(story.victim.enrolmentId).toBeTruthy();
      expect(story.author.enrolmentId).toBeTruthy();
    });

    it("sends each person one calendar invite for the series, naming that person alone", () => {
      for (const person of [story.victim, story.author]) {
        const invites = to(person.email).filter((m) => m.ics !== null);
        expect(invites, person.email).toHaveLength(1);
        const ics = invites[0]!.ics!;
        expect(ics).toContain("METHOD:REQUEST");
        expect(ics).toMatch(/RRULE:FREQ=WEEKLY/);
        expect(ics).toContain("TZID:Europe/Brussels");
        expect(ics.toLowerCase()).toContain(person.email);
        const other = person === story.victim ? story.author : story.victim;
        expect(ics.toLowerCase()).not.toContain(other.email);
      }
    });

    it("keeps the victim's mail discreet", () => {
      for (const mail of to(story.victim.email)) {
        expect(`${mail.subject} ${mail.from} ${mail.text}`).not.toMatch(
          /violence|victime|programme|Renouer|groupe de parole|VIF|hébergement|refuge|urgence/i,
        );
      }
    });

    it("sends the reminders that are due: the next session is less than a day away", () => {
      expect(story.victim.reminders.length).toBeGreaterThanOrEqual(1);
      expect(story.author.reminders.length).toBeGreaterThanOrEqual(1);
      expect(story.author.reminders[0]!.subject).toMatch(/^Rappel : Programme/);
    });

    it("warns the justice house at the second unexcused absence, programme staff copied", () => {
      expect(story.compliance).toMatchObject({ attended: 1, unexcusedAbsences: 2, breached: ["warning"] });
      const warnings = to(story.author.justiceEmail);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.subject).toContain(story.author.caseReference);
      expect(warnings[0]!.subject).toContain("avertissement");
      expect(warnings[0]!.text).toContain("Maison de justice de Liège");
      for (const staff of ["pieter.claes@praxis-liege.example", "sarah.mertens@praxis-liege.example"]) {
        expect(to(staff).filter((m) => m.subject.includes(story.author.caseReference))).toHaveLength(1);
      }
    });

    it("shows the police in_support with the first contact, and nothing personal", () => {
      expect(story.police.status).toBe("in_support");
      expect(story.police.firstContactAt).not.toBeNull();
      expect(story.police.leaked).toEqual([]);
      expect(story.police.fullReferral).toBe(403);
      const body = JSON.parse(story.police.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(POLICE_STATUS_FIELDS);
    });

    it("gives the victim an emergency place after her call-back, and its address in one discreet message", () => {
      expect(story.housing.status).toBe("confirmed");
      // Her worker learned that a place is confirmed, never which one or where.
      expect(story.housing.workerView).not.toContain(story.housing.address);
      expect(story.housing.workerView).not.toContain("Studio Meuse");
      expect(story.housing.policeStatus).toBe(403);
      expect(story.housing.authorWorkerCode).toBe("person_not_followed");
      const withAddress = storyMails.filter((m) => m.text.includes(story.housing.address));
      expect(withAddress.map((m) => m.to)).toEqual([[story.victim.email.toLowerCase()]]);
      expect(withAddress[0]!.subject).toBe("Votre rendez-vous");
      expect(withAddress[0]!.from).toContain("Rendez-vous");
    });

    it("holds a case conference: each partner its own invite, the parquet only its item, the CPAS none", () => {
      const { conference } = story;
      for (const [mail, address, other] of [
        [conference.invites.parquet, "concertation@parquet-liege.example", "vif@cpas-seraing.example"],
        [conference.invites.cpas, "vif@cpas-seraing.example", "concertation@parquet-liege.example"],
      ] as const) {
        expect(mail?.to, address).toEqual([address]);
        expect(mail!.ics).toContain("METHOD:REQUEST");
        expect(mail!.ics).toContain("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=6");
        expect(mail!.ics!.toLowerCase()).toContain(address);
        expect(mail!.ics!.toLowerCase()).not.toContain(other);
        expect(mail!.ics!.match(/^ATTENDEE/gm)).toHaveLength(1);
      }
      expect(conference.parquet.items).toEqual([conference.itemId]);
      expect(conference.parquet.actions).toEqual([conference.actionId]);
      expect(conference.cpas.items).toEqual([]);
      expect(conference.cpas.body).not.toContain(conference.itemId);
      // Partners read the summary written for the conference: no person, no note, no address.
      expect(conference.leaked).toEqual([]);
      expect(conference.parquet.body).not.toContain("referralId");
      expect(conference.parquet.body).not.toMatch(/@(parquet-liege|cpas-seraing)\.example/);
    });

    it("sent no e-mail twice", () => {
      const ids = storyMails.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("lost nothing: every outbox row published, no dead letters", () => {
      expect(deadLettersAfterStory).toEqual(Object.fromEntries(SERVICE_NAMES.map((name) => [name, 0])));
    });
  });

  describe("no plaintext contact data at rest", () => {
    it("ran the story and the extra cases, and wrote files to search", () => {
      expect(story.police.status).toBe("in_support");
      expect(mails.some((m) => m.to.includes(story.victim.email))).toBe(true);
      expect(scanned.databases).toBeGreaterThanOrEqual(SERVICE_NAMES.length);
      expect(scanned.jetstream).toBeGreaterThan(0);
    });

    // Each a test of its own, so that a failure names where the data was found.
    it.each([
      ["finds no phone number or e-mail address of a person in any database file, -wal or -shm", "databases"],
      ["finds no person's name outside groups' enrolments and placements", "names"],
      ["finds no personal data in the JetStream store", "jetstream"],
      ["finds no personal data in the logs of the services or of nats-server", "logs"],
      ["finds no one's data in mail sent to someone else", "mail"],
      ["shows no personal data in the coordinator's dead-letter lists", "deadLetterList"],
    ] as const)("%s", (_title, where) => {
      expect(found[where]).toEqual([]);
    });
  });
});
