// A contact belongs to the organisation, and the referral or enrolment, that created it (issue 10,
// part 1). Tried as an attacker would: another organisation enrols a victim's reference with its
// own address; a facilitator of the same organisation enrols a referred person with another
// address. Real NATS, real SMTP, the service's own consumers; the events are the producers' own.
import { Writable } from "node:stream";
import { authHeader, mintToken, type ReceivedMail } from "@relais/testing";
import { and, eq } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { messages, uncontactablePersons } from "../src/db/schema.js";
import {
  callbackOpened,
  enrolled,
  enrolledFromReferral,
  purged,
  referred,
  weeklySeries,
} from "./fixtures.js";
import { type Notifications, sharedServers } from "./harness.js";

const A = "org-a";
const B = "org-b";
const VENUE_A = "Rue Secrète 12, 4000 Liège";
const VENUE_B = "Avenue du Parc 3, 5000 Namur";
const INTRUDER = "someone@else.example";

interface ContactView {
  email: string | null;
  role: string;
  displayName: string | null;
  createdBy: { kind: string; id: string };
  preferences: { safeWindows: unknown[] };
}

/** Another group's series: its own session ids, as groups gives every session (ids are global). */
function otherSeries(groupId: string, overrides: Parameters<typeof weeklySeries>[0] = {}) {
  const series = weeklySeries({
    groupId,
    publicName: "Groupe B",
    location: { kind: "venue", address: VENUE_B },
    ...overrides,
  });
  return {
    ...series,
    sessions: series.sessions.map((s) => ({ ...s, sessionId: `${groupId}-${s.sessionId}` })),
  };
}

async function contactAs(service: Notifications, token: string, personRef: string) {
  const response = await service.app.request(`/v1/contacts/${personRef}`, { headers: authHeader(token) });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : null) as ContactView };
}

/** Everything a mail tells its reader: subject, text and attachments (.ics unfolded and unescaped). */
function readable(mail: ReceivedMail): string {
  const attachments = mail.parsed.attachments.map((a) =>
    a.content
      .toString("utf8")
      .replace(/\r\n[ \t]/g, "")
      .replace(/\\([,;\\])/g, "$1"),
  );
  return [mail.parsed.subject ?? "", mail.parsed.text ?? "", ...attachments].join("\n");
}

async function statusesOf(service: Notifications, orgId: string, personRef: string) {
  const rows = await service.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.personRef, personRef)));
  return rows.map((r) => `${r.template}:${r.status}`);
}

/** A direct enrolment in organisation A of `personRef`, in its own group, with an e-mail address. */
function enrolDirectly(
  service: Notifications,
  groupId: string,
  personRef: string,
  email: string,
  enrolmentId: string,
) {
  return service.publish(enrolled(weeklySeries({ groupId }), { personRef, org: A, email, enrolmentId }));
}

describe("a contact belongs to the organisation that created it", () => {
  const servers = sharedServers();

  it("keeps A's victim's contact, reminder and venue from an enrolment of another organisation", () =>
    // Sessions on Tuesdays 3 and 10 March 2026, 18:00 Brussels; reminders 24 h and 2 h before.
    servers.withService("2026-03-01T09:00:00Z", async (service, clock) => {
      const victim = {
        personRef: "prs_victimA0001",
        org: A,
        email: "amina@mail-a.example",
        name: "Amina Haddad",
        safeWindows: [{ days: [1, 2, 3], from: "09:15", to: "11:45" }],
      };
      const groupA = weeklySeries({ groupId: "grp-a", count: 2 });
      const groupB = otherSeries("grp-b", { count: 2 });
      // 1. A's police file the referral; 2. A's facilitator enrols her (no contact details).
      await service.publish(referred(victim));
      await service.publish(
        callbackOpened({ taskId: "cbk-a", personRef: victim.personRef, team: "victims", org: A }),
      );
      await service.publish(enrolledFromReferral(groupA, victim.personRef, A));
      await service.deliver();
      await servers.smtp.waitForMessages(1);
      // 3. B's facilitator enrols the same reference in B's group with B's address.
      await service.publish(
        enrolled(groupB, { personRef: victim.personRef, org: B, email: INTRUDER, enrolmentId: "enr-b-1" }),
      );
      await service.deliver();
      await servers.smtp.waitForMessages(2);

      // 4. A's coordinator still gets A's contact; B's coordinator only B's own, nothing of A's.
      const coordinatorA = await mintToken({ role: "coordinator", org: A });
      const coordinatorB = await mintToken({ role: "coordinator", org: B });
      const ofA = await contactAs(service, coordinatorA, victim.personRef);
      expect(ofA.status).toBe(200);
      expect(ofA.body).toMatchObject({
        email: victim.email,
        role: "victim",
        displayName: victim.name,
        createdBy: { kind: "referral", id: `ref-${victim.personRef}` },
        preferences: { safeWindows: victim.safeWindows },
      });
      const ofB = await contactAs(service, coordinatorB, victim.personRef);
      expect(ofB.status).toBe(200);
      expect(ofB.body).toMatchObject({ email: INTRUDER, role: "participant", displayName: null });
      expect(ofB.body.createdBy).toEqual({ kind: "enrolment", id: "enr-b-1" });
      // Nothing of A's: not her name, address, role, nor her safe windows.
      expect(ofB.body.preferences.safeWindows).toEqual([]);
      for (const secret of [victim.name, victim.email, `"role":"victim"`, `"from":"09:15"`, `"to":"11:45"`])
        expect(ofB.text).not.toContain(secret);
      // B's caseworker, even one whose team bears the name of A's team, reaches nothing.
      const caseworkerB = await mintToken({ role: "caseworker", org: B, claims: { teams: ["victims"] } });
      expect((await contactAs(service, caseworkerB, victim.personRef)).status).toBe(404);

      // B changing "its" preferences changes nothing of A's contact.
      const put = await service.app.request(`/v1/contacts/${victim.personRef}/preferences`, {
        method: "PUT",
        headers: { ...authHeader(coordinatorB), "content-type": "application/json" },
        body: JSON.stringify({
          channels: ["email", "sms"],
          safeWindows: [],
          voicemailAllowed: true,
          discreet: false,
          doNotContact: false,
        }),
      });
      expect(put.status).toBe(200);
      expect((await contactAs(service, coordinatorA, victim.personRef)).body.preferences).toMatchObject({
        safeWindows: victim.safeWindows,
        discreet: false,
      });

      // 5. A's next reminder, with A's venue, goes to A's contact; B's address never gets A's venue.
      clock.set("2026-03-02T17:00:00Z");
      await service.deliver();
      const mails = await servers.smtp.waitForMessages(4);
      const withVenueA = mails.filter((m) => readable(m).includes(VENUE_A));
      expect(withVenueA.length).toBeGreaterThanOrEqual(2);
      for (const mail of withVenueA) expect(mail.envelope.to).toEqual([victim.email]);
      const reminderA = mails.find(
        (m) => m.envelope.to.includes(victim.email) && /^Rappel/.test(String(m.parsed.subject)),
      );
      expect(reminderA && readable(reminderA)).toContain(VENUE_A);
      for (const mail of mails.filter((m) => m.envelope.to.includes(INTRUDER))) {
        expect(readable(mail)).not.toContain(VENUE_A);
        expect(readable(mail)).not.toContain(victim.name);
      }

      // A's delivery log entries are A's: B's coordinator cannot read or retry them by their real ids.
      const listA = await service.app.request("/v1/messages", { headers: authHeader(coordinatorA) });
      const idsA = ((await listA.json()) as { items: Array<{ id: string }> }).items.map((m) => m.id);
      expect(idsA.length).toBeGreaterThanOrEqual(2);
      const listB = await service.app.request("/v1/messages", { headers: authHeader(coordinatorB) });
      const idsB = ((await listB.json()) as { items: Array<{ id: string }> }).items.map((m) => m.id);
      expect(idsB.filter((id) => idsA.includes(id))).toEqual([]);
      // The delivery log is the coordinators' alone: A's own victim-team caseworker does not read it.
      const caseworkerA = await mintToken({ role: "caseworker", org: A, claims: { teams: ["victims"] } });
      expect((await service.app.request("/v1/messages", { headers: authHeader(caseworkerA) })).status).toBe(
        403,
      );
      for (const id of idsA) {
        expect(
          (await service.app.request(`/v1/messages/${id}`, { headers: authHeader(caseworkerA) })).status,
        ).toBe(403);
        expect(
          (await service.app.request(`/v1/messages/${id}`, { headers: authHeader(coordinatorB) })).status,
        ).toBe(404);
        expect(
          (
            await service.app.request(`/v1/messages/${id}/retry`, {
              method: "POST",
              headers: authHeader(coordinatorB),
            })
          ).status,
        ).toBe(404);
      }
    }));

  it("never releases an organisation's held messages to another organisation's contact", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const personRef = "prs_heldacross1";
      const groupA = weeklySeries({ groupId: "grp-a-held" });
      const groupB = otherSeries("grp-b-held");
      // A's enrolment comes before A's referral: A's invite is held for A's contact.
      await service.publish(enrolledFromReferral(groupA, personRef, A));
      expect(await statusesOf(service, A, personRef)).toEqual(["enrolment_confirmed:held"]);
      // B's enrolment with B's address releases B's own invite only.
      await service.publish(enrolled(groupB, { personRef, org: B, email: INTRUDER, enrolmentId: "enr-b-2" }));
      await service.deliver();
      await servers.smtp.waitForMessages(1);
      expect(await statusesOf(service, A, personRef)).toEqual(["enrolment_confirmed:held"]);
      // A's referral brings A's contact: A's invite goes to A's address.
      await service.publish(referred({ personRef, org: A, email: "held@mail-a.example" }));
      await service.deliver();
      const mails = await servers.smtp.waitForMessages(2);
      const toIntruder = mails.filter((m) => m.envelope.to.includes(INTRUDER));
      expect(toIntruder).toHaveLength(1);
      expect(readable(toIntruder[0]!)).toContain(VENUE_B);
      expect(readable(toIntruder[0]!)).not.toContain(VENUE_A);
      const toA = mails.filter((m) => m.envelope.to.includes("held@mail-a.example"));
      expect(toA).toHaveLength(1);
      expect(readable(toA[0]!)).toContain(VENUE_A);
    }));

  it("inside one organisation, never lets a direct enrolment's details overwrite or redirect a contact", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const coordinator = await mintToken({ role: "coordinator", org: A });
    await servers.withService(
      "2026-02-01T09:00:00Z",
      async (service) => {
        // A referred person, enrolled (through her placement) in the group she is in…
        const referredPerson = {
          personRef: "prs_referred001",
          org: A,
          email: "real@mail-a.example",
          name: "Lina",
        };
        await service.publish(referred(referredPerson));
        await service.publish(
          enrolledFromReferral(weeklySeries({ groupId: "grp-hers" }), referredPerson.personRef, A),
        );
        // …then a facilitator who does not run that group enrols her reference directly in theirs,
        // with another address.
        await service.publish(
          enrolled(weeklySeries({ groupId: "grp-other", publicName: "Autre groupe" }), {
            personRef: referredPerson.personRef,
            org: A,
            email: "facilitator-typed@mail-a.example",
            name: "Someone Else",
            enrolmentId: "enr-other-1",
          }),
        );
        // The ignored details are said in the log, which names the enrolment but not the details.
        const said = lines.filter((line) => line.includes("contact details of a direct enrolment ignored"));
        expect(said).toHaveLength(1);
        expect(JSON.parse(said[0]!)).toMatchObject({
          personRef: referredPerson.personRef,
          enrolmentId: "enr-other-1",
          keptSource: "referral",
        });
        expect(said[0]).not.toContain("facilitator-typed");
        expect(said[0]).not.toContain("Someone Else");
        const kept = await contactAs(service, coordinator, referredPerson.personRef);
        expect(kept.body).toMatchObject({
          email: referredPerson.email,
          displayName: "Lina",
          role: "victim",
          createdBy: { kind: "referral", id: `ref-${referredPerson.personRef}` },
        });

        // A contact created by one direct enrolment is not rewritten by another enrolment either.
        const direct = "prs_direct00001";
        await enrolDirectly(service, "grp-first", direct, "first@mail-a.example", "enr-first");
        await enrolDirectly(service, "grp-second", direct, "second@mail-a.example", "enr-second");
        expect((await contactAs(service, coordinator, direct)).body).toMatchObject({
          email: "first@mail-a.example",
          createdBy: { kind: "enrolment", id: "enr-first" },
        });

        await service.deliver();
        const mails = await servers.smtp.waitForMessages(4);
        expect(mails.flatMap((m) => m.envelope.to).sort()).toEqual(
          ["first@mail-a.example", "first@mail-a.example", referredPerson.email, referredPerson.email].sort(),
        );
        expect(mails.some((m) => m.envelope.to.includes("facilitator-typed@mail-a.example"))).toBe(false);
        expect(mails.some((m) => m.envelope.to.includes("second@mail-a.example"))).toBe(false);

        // The referral is the authority over a reference it minted: a contact a facilitator typed in
        // before the referral arrived is replaced by the referral's.
        const early = "prs_earlyenrol1";
        await enrolDirectly(service, "grp-early", early, "typed-early@mail-a.example", "enr-early");
        await service.publish(referred({ personRef: early, org: A, email: "from-police@mail-a.example" }));
        expect((await contactAs(service, coordinator, early)).body).toMatchObject({
          email: "from-police@mail-a.example",
          role: "victim",
          createdBy: { kind: "referral", id: `ref-${early}` },
        });
      },
      { logger },
    );
  });

  it("lets no direct enrolment's typed details contact a person whose referral says no, whichever comes first", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const coordinator = await mintToken({ role: "coordinator", org: A });
    await servers.withService(
      "2026-02-01T09:00:00Z",
      async (service) => {
        // Typed first: a facilitator enrols the reference with an address before the referral
        // ("do not contact") arrives. The invite waits in the queue; the referral takes it back.
        const typedFirst = "prs_typedfirst1";
        await enrolDirectly(service, "grp-typed", typedFirst, "typed-first@mail-a.example", "enr-typed-1");
        expect((await contactAs(service, coordinator, typedFirst)).status).toBe(200);
        await service.publish(referred({ personRef: typedFirst, org: A, doNotContact: true }));
        expect((await contactAs(service, coordinator, typedFirst)).status).toBe(404);
        const dropped = lines.filter((l) => l.includes("a direct enrolment's contact dropped"));
        expect(dropped.map((l) => JSON.parse(l))).toEqual([
          expect.objectContaining({ personRef: typedFirst, reason: "do_not_contact" }),
        ]);
        expect(dropped[0]).not.toContain("typed-first@");

        // Referral first: it gave no consent, then a direct enrolment brings typed details.
        const referralFirst = "prs_referfirst1";
        await service.publish(referred({ personRef: referralFirst, org: A, consent: false }));
        await enrolDirectly(
          service,
          "grp-typed-2",
          referralFirst,
          "typed-second@mail-a.example",
          "enr-typed-2",
        );
        expect((await contactAs(service, coordinator, referralFirst)).status).toBe(404);
        const ignored = lines.filter((l) => l.includes("the person's referral says not to contact"));
        expect(ignored.map((l) => JSON.parse(l))).toEqual([
          expect.objectContaining({ personRef: referralFirst, enrolmentId: "enr-typed-2" }),
        ]);
        expect(ignored[0]).not.toContain("typed-second@");

        // Someone enrolled directly with no referral is mailed in the same pass: delivery ran.
        await enrolDirectly(service, "grp-typed-3", "prs_plaindirect", "plain@mail-a.example", "enr-plain");
        await service.deliver();
        await servers.smtp.waitForMessages(1);
        const to = servers.smtp.messages.flatMap((m) => m.envelope.to);
        expect(to).toContain("plain@mail-a.example");
        expect(to).not.toContain("typed-first@mail-a.example");
        expect(to).not.toContain("typed-second@mail-a.example");
        expect(await statusesOf(service, A, typedFirst)).toEqual(["enrolment_confirmed:suppressed"]);
        expect(await statusesOf(service, A, referralFirst)).toEqual(["enrolment_confirmed:suppressed"]);

        // What is kept of the referral's word goes with the person when referrals purges them.
        const kept = () =>
          service.database.db
            .select()
            .from(uncontactablePersons)
            .where(eq(uncontactablePersons.personRef, typedFirst));
        expect(await kept()).toEqual([expect.objectContaining({ orgId: A, reason: "do_not_contact" })]);
        await service.publish(purged(typedFirst));
        expect(await kept()).toEqual([]);
      },
      { logger },
    );
  });
});
