// Issue 10, parts 1 and 2, end to end on the three services as processes: the exact reproduction
// (police of A refer a victim; A's facilitator enrols her; B's facilitator enrols the same
// reference with B's address) must end with B refused and A's reminder at A's address; inside A,
// a facilitator who does not run her group cannot redirect her contact either; and the victim's
// and the author's teams cannot reach each other's contact with the real references their own
// referral shows them. Every id an attacker uses here came to them through the normal flow.
import { contactPreferences, mintToken, policeReferral, waitForValue } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest } from "./http.js";
import { type Stack, startStack } from "./stack.js";
import { AUTHOR_TEAM, storySafeWindow, storySchedule, VICTIM_TEAM } from "./story.js";
import { type Mail, parseMail } from "./story-mail.js";

const A = "org-contacts-a";
const B = "org-contacts-b";
const VENUE_A = "Maison des Femmes, Rue Secrète 12, 4100 Seraing";
const VENUE_B = "Centre B, Avenue du Parc 3, 5000 Namur";
const VENUE_A2 = "Salle A2, Rue Haute 4, 4100 Seraing";
const VICTIM = { name: "Amina Haddad", email: "amina.haddad@mail-a.example", phone: "+32471900111" };
const AUTHOR = { name: "Marc Lenoir", email: "marc.lenoir@mail-a.example", phone: "+32471900222" };
/** A consenting, French-speaking person of the referral, with a name, an address and a phone. */
const reachable = (person: typeof VICTIM) => ({
  displayName: person.name,
  consent: true,
  language: "fr",
  timeZone: "Europe/Brussels",
  contact: { email: person.email, phone: person.phone },
});
const INTRUDER = "someone@else.example";
const TYPED_BY_FACILITATOR = "typed-by-facilitator@mail-a.example";

const call = (url: string, method: string, token: string, body?: unknown, key?: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
  jsonRequest<any>(url, { method, token, body, key });

const eventually = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000) =>
  waitForValue(probe, { timeoutMs, message: what });

/** Everything a mail tells its reader: subject, text and the invite (unfolded, unescaped). */
function readable(mail: Mail): string {
  const ics = (mail.ics ?? "").replace(/\r?\n[ \t]/g, "").replace(/\\([,;\\])/g, "$1");
  return `${mail.subject}\n${mail.text}\n${ics}`;
}

describe("contacts belong to one organisation and are reached through one's own team", () => {
  let stack: Stack;
  let mails: () => Mail[];
  const svc = { groups: "", referrals: "", notifications: "" };
  const token = (
    org: string,
    role: NonNullable<Parameters<typeof mintToken>[0]>["role"],
    sub: string,
    claims = {},
  ) => mintToken({ role, org, sub, claims, expiresIn: "1h" });

  /** A facilitator creates a group and enrols one person in it, both accepted; answers the group's id. */
  const enrolInNewGroup = async (facilitator: string, group: unknown, enrolment: unknown, key: string) => {
    const created = await call(
      `${svc.groups}/v1/groups`,
      "POST",
      facilitator,
      group,
      `contacts-e2e-group-${key}`,
    );
    expect(created.status).toBe(201);
    const enrolled = await call(
      `${svc.groups}/v1/groups/${created.json.id}/enrolments`,
      "POST",
      facilitator,
      enrolment,
      `contacts-e2e-enrol-${key}`,
    );
    expect(enrolled.status).toBe(201);
    return created.json.id as string;
  };

  let victimRef = "";
  let referralId = "";
  let groupA = "";

  beforeAll(async () => {
    stack = await startStack({ env: { ROUTING_SEED_ORGS: `${A},${B}`, SCHEDULER_INTERVAL_MS: "250" } });
    svc.groups = stack.services.groups.url;
    svc.referrals = stack.services.referrals.url;
    svc.notifications = stack.services.notifications.url;
    mails = () => stack.smtp.messages.map((m, i) => parseMail(String(i), m.raw, m.envelope.to));
  }, 150_000);
  afterAll(() => stack?.stop());

  it("ends the issue's sequence with B refused and A's reminder, with the venue, at A's address", async () => {
    const police = await token(A, "police", "zp5277-a", { zone: "5277" });
    const victimWorker = await token(A, "caseworker", "cw-victims-a", { teams: [VICTIM_TEAM] });
    const facilitatorA = await token(A, "facilitator", "fac-a");
    const facilitatorB = await token(B, "facilitator", "fac-b");
    const coordinatorA = await token(A, "coordinator", "coord-a");
    const coordinatorB = await token(B, "coordinator", "coord-b");
    const window = storySafeWindow(new Date());

    // 1. Police of A file the referral: the victim gets her reference P.
    const filed = await call(
      `${svc.referrals}/v1/referrals`,
      "POST",
      police,
      policeReferral({
        policeZone: "ZP Seraing/Neupré (5277)",
        incidentReference: `LI.55.L7.${Date.now() % 1_000_000}/26`,
        incidentAt: new Date(Date.now() - 3_600_000).toISOString(),
        childrenPresent: false,
        persons: [
          {
            role: "victim",
            ...reachable(VICTIM),
            preferences: contactPreferences(["phone", "email"], { safeWindows: [window] }),
          },
          {
            role: "author",
            ...reachable(AUTHOR),
            preferences: contactPreferences(["phone", "email"], { voicemailAllowed: true, discreet: false }),
          },
        ],
      }),
      "contacts-e2e-referral",
    );
    expect(filed.status).toBe(201);
    referralId = filed.json.id;
    victimRef = filed.json.persons.find((p: { role: string }) => p.role === "victim").personRef;
    // A's coordinator reaches P's contact once notifications has it.
    await eventually("A's contact of P", async () => {
      const answer = await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", coordinatorA);
      return answer.status === 200 ? answer : undefined;
    });

    // 2. A's facilitator enrols P (no contact details) in A's group, whose next session is two
    //    hours and half a minute away: its 2 h reminder falls due during the test.
    const schedule = storySchedule(new Date(), 30);
    const group = (publicName: string, address: string, dtstart: string, sub: string) => ({
      kind: "victim_peer",
      publicName,
      language: "fr",
      municipality: "Seraing",
      location: { kind: "venue", address },
      capacity: 10,
      admission: "rolling",
      facilitators: [{ sub, email: `${sub}@staff.example` }],
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart,
        rrule: "FREQ=WEEKLY;COUNT=8",
        durationMinutes: 120,
      },
    });
    groupA = await enrolInNewGroup(
      facilitatorA,
      group("Groupe A", VENUE_A, schedule.dtstart, "fac-a"),
      { personRef: victimRef },
      "a",
    );

    // 3. B's facilitator enrols the same reference in B's group with B's address: accepted (B's
    //    own enrolment), but it never touches A's contact.
    await enrolInNewGroup(
      facilitatorB,
      group("Groupe B", VENUE_B, "2027-09-07T18:00", "fac-b"),
      { personRef: victimRef, contact: { email: INTRUDER } },
      "b",
    );
    await eventually("B's invite", async () => mails().find((m) => m.to.includes(INTRUDER)));

    // 4. A's coordinator still gets A's contact; B's coordinator only B's own, never A's data.
    const ofA = await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", coordinatorA);
    expect(ofA.status).toBe(200);
    expect(ofA.json).toMatchObject({
      email: VICTIM.email,
      phone: VICTIM.phone,
      displayName: VICTIM.name,
      role: "victim",
      createdBy: { kind: "referral", id: referralId },
    });
    const ofB = await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", coordinatorB);
    expect([200, 404]).toContain(ofB.status);
    if (ofB.status === 200) expect(ofB.json).toMatchObject({ email: INTRUDER, role: "participant" });
    for (const secret of [
      VICTIM.name,
      VICTIM.email,
      VICTIM.phone,
      `"role":"victim"`,
      `"from":"${window.from}"`,
      `"to":"${window.to}"`,
    ])
      expect(ofB.text).not.toContain(secret);

    // 5. A's next session reminder, with the venue, reaches A's contact; B's address never gets it.
    const reminder = await eventually("A's reminder", async () =>
      mails().find((m) => m.to.includes(VICTIM.email) && /rappel/i.test(m.subject) && m.ics === null),
    );
    expect(readable(reminder)).toContain(VENUE_A);
    const withVenueA = mails().filter((m) => readable(m).includes(VENUE_A));
    expect(withVenueA.length).toBeGreaterThanOrEqual(2);
    for (const mail of withVenueA) expect(mail.to).toEqual([VICTIM.email]);
    for (const mail of mails().filter((m) => m.to.includes(INTRUDER))) {
      expect(readable(mail)).not.toContain(VENUE_A);
      expect(readable(mail)).not.toContain(VICTIM.name);
    }

    // B cannot read or retry A's delivery log entries, even by their real ids.
    const logA = await call(`${svc.notifications}/v1/messages`, "GET", coordinatorA);
    const idsA: string[] = logA.json.items.map((m: { id: string }) => m.id);
    expect(idsA.length).toBeGreaterThanOrEqual(2);
    for (const id of idsA) {
      expect((await call(`${svc.notifications}/v1/messages/${id}`, "GET", coordinatorB)).status).toBe(404);
      expect((await call(`${svc.notifications}/v1/messages/${id}/retry`, "POST", coordinatorB)).status).toBe(
        404,
      );
    }
    // B's caseworker, even of a team named like A's, reaches nothing of A's.
    const caseworkerB = await token(B, "caseworker", "cw-b", { teams: [VICTIM_TEAM] });
    expect((await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", caseworkerB)).status).toBe(
      404,
    );
    // And A's own victim team still reaches her contact through its task.
    expect(
      (await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", victimWorker)).json,
    ).toMatchObject({ email: VICTIM.email });
  });

  it("keeps the referral's contact when a facilitator of A who does not run her group enrols her with another address", async () => {
    const facilitatorA2 = await token(A, "facilitator", "fac-a2");
    const coordinatorA = await token(A, "coordinator", "coord-a");
    // This facilitator does not run group A: they cannot even see it…
    expect((await call(`${svc.groups}/v1/groups/${groupA}`, "GET", facilitatorA2)).status).toBe(404);
    // …but the reference is not a secret (rosters, placements, reports): they enrol it in theirs.
    // The address they type is refused (her referral says how she is reached), and nothing of it
    // is kept; without it, she is enrolled.
    const typed = { personRef: victimRef, contact: { email: TYPED_BY_FACILITATOR, phone: "+32499000999" } };
    const groupA2 = await enrolInNewGroup(
      facilitatorA2,
      {
        kind: "parent",
        publicName: "Groupe A2",
        language: "fr",
        municipality: "Seraing",
        location: { kind: "venue", address: VENUE_A2 },
        capacity: 10,
        admission: "rolling",
        facilitators: [{ sub: "fac-a2", email: "fac-a2@staff.example" }],
        schedule: {
          timeZone: "Europe/Brussels",
          dtstart: "2027-10-05T18:00",
          rrule: "FREQ=WEEKLY;COUNT=4",
          durationMinutes: 90,
        },
      },
      { personRef: victimRef },
      "a2",
    );
    const refused = await call(
      `${svc.groups}/v1/groups/${groupA2}/enrolments`,
      "POST",
      facilitatorA2,
      typed,
      "contacts-e2e-enrol-a2-typed",
    );
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ path: "contact", code: "from_referral" }),
    ]);
    expect(JSON.stringify(refused.json)).not.toContain(TYPED_BY_FACILITATOR);
    // The enrolment's invite goes to the person's contact as the referral gave it.
    await eventually("the A2 invite to the referral's address", async () =>
      mails().find((m) => m.to.includes(VICTIM.email) && readable(m).includes(VENUE_A2)),
    );
    const contact = await call(`${svc.notifications}/v1/contacts/${victimRef}`, "GET", coordinatorA);
    expect(contact.json).toMatchObject({
      email: VICTIM.email,
      phone: VICTIM.phone,
      createdBy: { kind: "referral", id: referralId },
    });
    expect(mails().some((m) => m.to.includes(TYPED_BY_FACILITATOR))).toBe(false);
  });

  it("refuses the other team, a caseworker without a team and one of an unrelated team, with real references", async () => {
    const victimWorker = await token(A, "caseworker", "cw-victims-a", { teams: [VICTIM_TEAM] });
    const authorWorker = await token(A, "caseworker", "cw-authors-a", { teams: [AUTHOR_TEAM] });
    // The victim team's own referral view lists the author's reference: that is how they have it.
    const seen = await call(`${svc.referrals}/v1/referrals/${referralId}`, "GET", victimWorker);
    expect(seen.status).toBe(200);
    const authorRef: string = seen.json.persons.find((p: { role: string }) => p.role === "author").personRef;
    expect(authorRef).toMatch(/^prs_/);
    const contact = (who: string, personRef: string) =>
      call(`${svc.notifications}/v1/contacts/${personRef}`, "GET", who);
    const loosen = (who: string, personRef: string) =>
      call(`${svc.notifications}/v1/contacts/${personRef}/preferences`, "PUT", who, {
        channels: ["phone", "sms", "email"],
        safeWindows: [],
        voicemailAllowed: true,
        discreet: false,
        doNotContact: false,
      });

    // Each team reaches its own person (once notifications has heard of the author's task).
    await eventually("the author team reaching the author", async () =>
      (await contact(authorWorker, authorRef)).status === 200 ? true : undefined,
    );
    expect((await contact(victimWorker, victimRef)).json).toMatchObject({ email: VICTIM.email });

    // Never the other one: not read, not changed.
    expect((await contact(victimWorker, authorRef)).status).toBe(404);
    expect((await loosen(victimWorker, authorRef)).status).toBe(404);
    expect((await contact(authorWorker, victimRef)).status).toBe(404);
    expect((await loosen(authorWorker, victimRef)).status).toBe(404);
    for (const who of [
      await token(A, "caseworker", "cw-none"),
      await token(A, "caseworker", "cw-unrelated", { teams: ["liege-herstal-victims"] }),
    ]) {
      for (const personRef of [victimRef, authorRef]) {
        expect((await contact(who, personRef)).status).toBe(404);
        expect((await loosen(who, personRef)).status).toBe(404);
      }
    }
    // The refused changes changed nothing.
    const coordinatorA = await token(A, "coordinator", "coord-a");
    const victim = await contact(coordinatorA, victimRef);
    expect(victim.json.preferences).toMatchObject({ discreet: true, voicemailAllowed: false });
    expect(victim.json.preferences.safeWindows).toHaveLength(1);
    const author = await contact(coordinatorA, authorRef);
    expect(author.json).toMatchObject({ email: AUTHOR.email, role: "author" });
  });
});
