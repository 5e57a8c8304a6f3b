import { describe, expect, it } from "vitest";
import { messages } from "../src/db/schema.js";
import { loadSeries } from "../src/db/series.js";
import {
  cancelSession,
  enrolled,
  moveSession,
  ORG,
  sessionCancelled,
  sessionMoved,
  weeklySeries,
  withdrawn,
} from "./fixtures.js";
import { sharedServers } from "./harness.js";
import { calendarOf } from "./ics.js";
import { sealForNotifications } from "./seal-keys.js";

describe("calendar invites", () => {
  const servers = sharedServers();

  it("sends the invite as soon as the enrolment commits, not at the scheduler's next tick", async () => {
    // An hour between ticks: the invite can only go out because the commit woke the dispatcher.
    await servers.withService(
      "2026-02-01T09:00:00Z",
      async (service) => {
        service.loop.start();
        const series = weeklySeries();
        await service.publish(enrolled(series, { personRef: "prs_chloe0001", email: "chloe@example.org" }));
        const [invite] = await servers.smtp.waitForMessages(1, 10_000);
        expect(invite?.envelope.to).toEqual(["chloe@example.org"]);
        expect(calendarOf(invite!).method).toBe("REQUEST");
      },
      { loopIntervalMs: 3_600_000 },
    );
  });

  it("sends one invite per enrolment, updates a moved session and cancels on withdrawal", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries();
      const amina = { personRef: "prs_amina0001", email: "amina@example.org", name: "Amina" };
      const bram = {
        personRef: "prs_bram00001",
        email: "bram@example.org",
        name: "Bram",
        language: "nl" as const,
      };
      await service.publish(enrolled(series, amina), enrolled(series, bram));
      await service.deliver();
      const first = await servers.smtp.waitForMessages(2);
      expect(first).toHaveLength(2);

      const toAmina = first.filter((m) => m.envelope.to.includes("amina@example.org"));
      expect(toAmina).toHaveLength(1);
      const invite = calendarOf(toAmina[0]!);
      expect(invite.method).toBe("REQUEST");
      expect(invite.raw).toContain("BEGIN:VTIMEZONE");
      expect(invite.raw).toContain("DTSTART;TZID=Europe/Brussels:20260303T180000");
      expect(invite.events).toHaveLength(1);
      expect(invite.events[0]?.attendees).toEqual(["mailto:amina@example.org"]);
      expect(invite.events[0]?.location).toBe("Rue Secrète 12, 4000 Liège");
      // Across 29 March and 25 October 2026, every session stays at 18:00 in Brussels; the UTC
      // instant moves by the hour instead.
      const occurrences = invite.occurrences(36);
      expect(occurrences).toHaveLength(36);
      expect(occurrences.every((o) => o.local.endsWith("T18:00:00"))).toBe(true);
      expect(occurrences.find((o) => o.local.startsWith("2026-03-24"))?.utc).toBe("2026-03-24T17:00:00.000Z");
      expect(occurrences.find((o) => o.local.startsWith("2026-03-31"))?.utc).toBe("2026-03-31T16:00:00.000Z");
      expect(occurrences.find((o) => o.local.startsWith("2026-10-20"))?.utc).toBe("2026-10-20T16:00:00.000Z");
      expect(occurrences.find((o) => o.local.startsWith("2026-10-27"))?.utc).toBe("2026-10-27T17:00:00.000Z");

      const toBram = calendarOf(first.find((m) => m.envelope.to.includes("bram@example.org"))!);
      expect(toBram.events[0]?.uid).not.toBe(invite.events[0]?.uid);
      for (const mail of first) {
        const other = mail.envelope.to.includes("amina@example.org")
          ? "bram@example.org"
          : "amina@example.org";
        expect(mail.raw).not.toContain(other);
      }

      // Moving the 5th session: the same UID, a higher SEQUENCE, the moved occurrence by RECURRENCE-ID.
      servers.smtp.clear();
      const moved = moveSession(series, "ses-5", 1);
      await service.publish(sessionMoved(moved, "ses-5"));
      await service.deliver();
      const update = calendarOf(
        (await servers.smtp.waitForMessages(2)).find((m) => m.envelope.to.includes("amina@example.org"))!,
      );
      expect(update.method).toBe("REQUEST");
      expect(update.events.map((e) => e.uid)).toEqual([invite.events[0]?.uid, invite.events[0]?.uid]);
      expect(update.events[0]!.sequence).toBeGreaterThan(invite.events[0]!.sequence);
      expect(update.events[1]?.recurrenceId).toBe("2026-03-31T18:00:00");
      expect(update.occurrences(6).map((o) => o.local)[4]).toBe("2026-03-31T19:00:00");

      // Cancelling one session: a CANCEL of that occurrence alone; facilitators are told too.
      servers.smtp.clear();
      const cancelled = cancelSession(moved, "ses-7");
      await service.publish(sessionCancelled(cancelled, "ses-7"));
      await service.deliver();
      const afterCancel = await servers.smtp.waitForMessages(3);
      const cancelOne = calendarOf(afterCancel.find((m) => m.envelope.to.includes("amina@example.org"))!);
      expect(cancelOne.method).toBe("CANCEL");
      expect(cancelOne.events).toHaveLength(1);
      expect(cancelOne.events[0]?.recurrenceId).toBe("2026-04-14T18:00:00");
      expect(cancelOne.events[0]!.sequence).toBeGreaterThan(update.events[0]!.sequence);
      const staff = afterCancel.find((m) => m.envelope.to.includes("fatou@relais.example"));
      expect(staff?.parsed.subject).toContain("Séance annulée");
      expect(staff?.parsed.attachments).toHaveLength(0);

      // Withdrawal: METHOD:CANCEL for the series, still the same UID, and no venue any more.
      servers.smtp.clear();
      await service.publish(withdrawn(cancelled, amina));
      await service.deliver();
      const [goodbye] = await servers.smtp.waitForMessages(1);
      expect(goodbye?.envelope.to).toEqual(["amina@example.org"]);
      const cancel = calendarOf(goodbye!);
      expect(cancel.method).toBe("CANCEL");
      expect(cancel.events).toHaveLength(1);
      expect(cancel.events[0]?.uid).toBe(invite.events[0]?.uid);
      expect(cancel.events[0]?.recurrenceId).toBeNull();
      expect(cancel.events[0]!.sequence).toBeGreaterThan(cancelOne.events[0]!.sequence);
      expect(cancel.events[0]?.location).toBeNull();
      expect(goodbye?.raw).not.toContain("Rue Secr");
    }));

  it("tells participants nothing of a change to the facilitators alone; the series keeps it for staff feeds", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries({ groupId: "grp-staffing" });
      await service.publish(enrolled(series, { personRef: "prs_lina00001", email: "lina@example.org" }));
      await service.deliver();
      const [invite] = await servers.smtp.waitForMessages(1);
      const sent = async () => (await service.database.db.select().from(messages)).length;
      const before = await sent();

      // A facilitator handed over: groups announces the series again, under a higher sequence.
      servers.smtp.clear();
      const handedOver = {
        ...series,
        facilitators: [{ sub: "fac-2", displayName: "Nour", email: "nour@relais.example" }],
        sequence: series.sequence + 1,
      };
      await service.publish(sessionMoved(handedOver, "ses-1"));
      await service.deliver();
      expect(await sent()).toBe(before);
      expect(servers.smtp.messages).toEqual([]);
      expect((await loadSeries(service.database.db, "grp-staffing"))?.facilitators).toEqual(
        handedOver.facilitators,
      );

      // A move after it is news again, under a SEQUENCE above the first invite's.
      await service.publish(sessionMoved({ ...moveSession(handedOver, "ses-5", 1), sequence: 3 }, "ses-5"));
      await service.deliver();
      const [update] = await servers.smtp.waitForMessages(1);
      expect(calendarOf(update!).events[0]!.sequence).toBeGreaterThan(
        calendarOf(invite!).events[0]!.sequence,
      );
    }));

  it("keeps the venue and the group's name away from people who are not enrolled or are discreet", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries({ groupId: "grp-peer-2" });
      const { createEvent, EnrolmentWaitlisted } = await import("@relais/contracts");
      const waiting = createEvent(EnrolmentWaitlisted, {
        orgId: ORG,
        source: "groups",
        data: {
          enrolmentId: "enr-w",
          groupId: series.groupId,
          personRef: "prs_waiting01",
          language: "en",
          sealed: sealForNotifications({ contact: { email: "wait@example.org" } }, EnrolmentWaitlisted.type),
          position: 2,
          publicName: series.publicName,
        },
      });
      const discreet = {
        personRef: "prs_discreet1",
        email: "d@example.org",
        discreet: true,
        language: "nl" as const,
      };
      await service.publish(waiting, enrolled(series, discreet));
      await service.deliver();
      const mails = await servers.smtp.waitForMessages(2);
      const wait = mails.find((m) => m.envelope.to.includes("wait@example.org"))!;
      expect(wait.parsed.attachments).toHaveLength(0);
      expect(wait.raw).not.toContain("Rue Secr");
      const quiet = mails.find((m) => m.envelope.to.includes("d@example.org"))!;
      expect(quiet.parsed.subject).toBe("Je afspraak");
      expect(quiet.parsed.from?.value[0]?.name).toBe("Afspraken");
      expect(quiet.raw).not.toMatch(/violence|victim|Groupe/i);
      const invite = calendarOf(quiet);
      expect(invite.events[0]?.summary).toBe("Afspraak");
      expect(invite.events[0]?.location).toBe("Rue Secrète 12, 4000 Liège");
    }));
});
