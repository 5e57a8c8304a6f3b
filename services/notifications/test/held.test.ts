// Events of different streams arrive in any order: a person who came through a referral gets their
// contact from `referrals.referral.received`, and groups' enrolment may be handled first. Their
// messages are held, then released when the contact comes — or ended (enrolment ended, purge, no
// consent, the wait running out). Real NATS, real SMTP, the service's own consumers.
import { mintToken } from "@relais/testing";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, invites, messages, reminders } from "../src/db/schema.js";
import {
  cancelSession,
  enrolled,
  enrolledFromReferral,
  moveSession,
  ORG,
  purged,
  referred,
  sessionCancelled,
  sessionMoved,
  waitlistedFromReferral,
  weeklySeries,
  withdrawn,
} from "./fixtures.js";
import { type Notifications, sharedServers } from "./harness.js";
import { calendarOf } from "./ics.js";

const DAY = 24 * 3_600_000;

async function logOf(service: Notifications, personRef?: string) {
  const rows = await service.database.db
    .select()
    .from(messages)
    .where(personRef ? eq(messages.personRef, personRef) : undefined);
  return rows.map((r) => ({ template: r.template, status: r.status, reason: r.reason }));
}

async function pendingReminders(service: Notifications, personRef: string): Promise<number> {
  const rows = await service.database.db
    .select()
    .from(reminders)
    .where(and(eq(reminders.personRef, personRef), eq(reminders.status, "pending")));
  return rows.length;
}

describe("messages held for a contact", () => {
  const servers = sharedServers();

  it("holds an invite whose enrolment came before the referral, then sends it once with the series as it is then", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service, clock) => {
      const series = weeklySeries({ groupId: "grp-held-1" });
      const person = { personRef: "prs_late000001", email: "late@example.org", name: "Nadia" };

      // The enrolment first: no contact yet, so the invite is held and visible in the log.
      await service.publish(enrolledFromReferral(series, person.personRef));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);
      expect(await logOf(service, person.personRef)).toEqual([
        { template: "enrolment_confirmed", status: "held", reason: "awaiting_contact" },
      ]);
      const coordinator = await mintToken({ role: "coordinator", org: ORG });
      const list = await service.app.request("/v1/messages?status=held", {
        headers: { authorization: `Bearer ${coordinator}` },
      });
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as { items: Array<{ status: string; nextAttemptAt: string }> };
      expect(items).toHaveLength(1);
      expect(items[0]?.nextAttemptAt).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());
      expect(await pendingReminders(service, person.personRef)).toBe(0);

      // A session moves while the contact is still missing: held too.
      const moved = moveSession(series, "ses-2", 1);
      await service.publish(sessionMoved(moved, "ses-2"));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);

      // The referral arrives: one invite, of the series as it is now (the moved session in it).
      await service.publish(referred(person));
      await service.deliver();
      const [mail] = await servers.smtp.waitForMessages(1);
      expect(mail?.envelope.to).toEqual(["late@example.org"]);
      expect(mail?.parsed.text).toContain("Bonjour Nadia");
      const invite = calendarOf(mail!);
      expect(invite.method).toBe("REQUEST");
      expect(invite.events).toHaveLength(2);
      expect(invite.events[1]?.recurrenceId).toBe("2026-03-10T18:00:00");
      expect(invite.occurrences(3).map((o) => o.local)[1]).toBe("2026-03-10T19:00:00");
      const [stored] = await service.database.db
        .select()
        .from(invites)
        .where(eq(invites.personRef, person.personRef));
      expect(invite.events[0]?.sequence).toBe(stored?.sequence);
      expect(await logOf(service, person.personRef)).toEqual(
        expect.arrayContaining([
          { template: "enrolment_confirmed", status: "sent", reason: null },
          { template: "session_changed", status: "suppressed", reason: "superseded" },
        ]),
      );
      expect(await logOf(service, person.personRef)).toHaveLength(2);
      // Reminders are planned: two offsets for each session to come.
      expect(await pendingReminders(service, person.personRef)).toBe(72);

      // The referral again (a replay, or a second referral naming them): nothing is sent twice.
      await service.publish(referred(person));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(1);
      expect(await logOf(service, person.personRef)).toHaveLength(2);

      // Later changes go out as usual, with a higher SEQUENCE than the released invite.
      servers.smtp.clear();
      await service.publish(sessionMoved(moveSession(moved, "ses-3", 1), "ses-3"));
      await service.deliver();
      const [update] = await servers.smtp.waitForMessages(1);
      expect(calendarOf(update!).events[0]!.sequence).toBeGreaterThan(invite.events[0]!.sequence);
    }));

  it("sends a held waiting-list note, sends nothing for an enrolment that ended first, and ends the wait of those who may not be contacted", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries({ groupId: "grp-held-2" });
      const waiting = { personRef: "prs_waiting002", email: "waiting@example.org" };
      const gone = { personRef: "prs_gone000002", email: "gone@example.org" };
      const refused = { personRef: "prs_refused002", consent: false };
      await service.publish(
        waitlistedFromReferral(series, waiting.personRef, 3),
        enrolledFromReferral(series, gone.personRef),
        enrolledFromReferral(series, refused.personRef),
      );
      // Withdrawn before the contact came: they never heard of it, there is nothing to cancel.
      await service.publish(withdrawn(series, gone));
      expect(await logOf(service, gone.personRef)).toEqual([
        { template: "enrolment_confirmed", status: "suppressed", reason: "enrolment_ended" },
      ]);

      await service.publish(referred(waiting), referred(gone), referred(refused));
      await service.deliver();
      const [note] = await servers.smtp.waitForMessages(1);
      expect(note?.envelope.to).toEqual(["waiting@example.org"]);
      expect(note?.parsed.subject).toContain("Liste d'attente");
      expect(note?.parsed.text).toContain("position 3");
      expect(note?.parsed.attachments).toHaveLength(0);
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(1);
      expect(await pendingReminders(service, gone.personRef)).toBe(0);
      expect(await logOf(service, refused.personRef)).toEqual([
        { template: "enrolment_confirmed", status: "suppressed", reason: "no_contact" },
      ]);

      // A one-session group whose session is cancelled before the contact came: nothing to send.
      const short = weeklySeries({ groupId: "grp-held-2b", count: 1 });
      const late = { personRef: "prs_cancel0002", email: "cancel@example.org" };
      await service.publish(enrolledFromReferral(short, late.personRef));
      await service.publish(sessionCancelled(cancelSession(short, "ses-1"), "ses-1"));
      await service.publish(referred(late));
      await service.deliver();
      expect(servers.smtp.messages.filter((m) => m.envelope.to.includes("cancel@example.org"))).toHaveLength(
        0,
      );
      expect(await logOf(service, late.personRef)).toEqual([
        { template: "enrolment_confirmed", status: "suppressed", reason: "series_cancelled" },
        { template: "session_cancelled", status: "suppressed", reason: "series_cancelled" },
      ]);
    }));

  it("releases what a direct enrolment's contact was awaited for in another group", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const first = weeklySeries({ groupId: "grp-held-3a" });
      const second = weeklySeries({ groupId: "grp-held-3b", publicName: "Atelier parents" });
      const person = { personRef: "prs_direct0003", email: "direct@example.org" };
      await service.publish(enrolledFromReferral(first, person.personRef));
      await service.publish(enrolled(second, person));
      await service.deliver();
      const mails = await servers.smtp.waitForMessages(2);
      expect(mails.map((m) => calendarOf(m).method)).toEqual(["REQUEST", "REQUEST"]);
      expect(new Set(mails.map((m) => calendarOf(m).events[0]?.uid)).size).toBe(2);
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(2);
    }));

  it("drops what was held for a purged person and never brings them back", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries({ groupId: "grp-held-4" });
      const person = { personRef: "prs_purged0004", email: "purged@example.org" };
      await service.publish(enrolledFromReferral(series, person.personRef));
      await service.publish(purged(person.personRef));
      const [row] = await service.database.db.select().from(messages);
      expect(row).toMatchObject({ personRef: null, status: "suppressed", reason: "person_purged" });
      expect(service.box.open(row!.sealed)).toBe("{}");

      // Late events about them: a referral, a direct enrolment, another enrolment without contact.
      await service.publish(
        referred(person),
        enrolled(weeklySeries({ groupId: "grp-held-4b" }), person),
        enrolledFromReferral(weeklySeries({ groupId: "grp-held-4c" }), person.personRef),
      );
      await service.deliver();
      expect(await service.database.db.select().from(contacts)).toHaveLength(0);
      expect(await service.database.db.select().from(invites)).toHaveLength(0);
      expect(await service.database.db.select().from(reminders)).toHaveLength(0);
      expect(await logOf(service)).toEqual([
        { template: "enrolment_confirmed", status: "suppressed", reason: "person_purged" },
      ]);
      expect(servers.smtp.messages).toHaveLength(0);
    }));

  it("suppresses a held invite as no_contact once the wait (7 days by default) is over", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service, clock) => {
      const series = weeklySeries({ groupId: "grp-held-5" });
      const person = { personRef: "prs_never00005", email: "never@example.org" };
      await service.publish(enrolledFromReferral(series, person.personRef));

      clock.set(new Date(Date.parse("2026-02-01T09:00:00Z") + 7 * DAY - 60_000).toISOString());
      await service.deliver();
      expect(await logOf(service)).toEqual([
        { template: "enrolment_confirmed", status: "held", reason: "awaiting_contact" },
      ]);

      clock.set(new Date(Date.parse("2026-02-01T09:00:00Z") + 7 * DAY + 60_000).toISOString());
      await service.deliver();
      expect(await logOf(service)).toEqual([
        { template: "enrolment_confirmed", status: "suppressed", reason: "no_contact" },
      ]);

      // A contact after the wait: nothing held any more, nothing sent.
      await service.publish(referred(person));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);
    }));
});
