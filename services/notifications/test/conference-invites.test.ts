// Case conferences' mail: each invitee gets their own calendar at their organisational address
// (their attendee line only), updates keep the UID with a higher SEQUENCE, a cancellation is
// METHOD:CANCEL, and an overdue action reminds its owner.
import { ActionOverdue, type ConferenceCalendar, createEvent, InvitationSent } from "@relais/contracts";
import { describe, expect, it } from "vitest";
import { ORG } from "./fixtures.js";
import { sharedServers } from "./harness.js";
import { calendarOf } from "./ics.js";
import { sealForNotifications } from "./seal-keys.js";

const calendar: ConferenceCalendar = {
  conferenceId: "conf-0001",
  title: "Concertation Seraing–Neupré",
  timeZone: "Europe/Brussels",
  dtstart: "2026-03-10T14:00:00",
  rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
  durationMinutes: 120,
  location: "Salle du conseil",
};

function invitation(
  inviteeId: string,
  email: string,
  language: "fr" | "nl" | "en",
  method: "REQUEST" | "CANCEL",
  sequence: number,
) {
  return createEvent(InvitationSent, {
    orgId: ORG,
    source: "conferences",
    data: {
      conferenceId: calendar.conferenceId,
      inviteeId,
      method,
      sequence,
      language,
      organisationName: inviteeId === "inv-parquet" ? "Parquet de Liège" : "CPAS de Seraing",
      calendar,
      sealed: sealForNotifications({ email }, InvitationSent.type),
    },
  });
}

describe("case conference mail", () => {
  const servers = sharedServers();

  it("sends each invitee their own invite, then an update and a cancellation to the same calendar entry", () =>
    servers.withService("2026-03-01T09:00:00Z", async (service) => {
      await service.publish(
        invitation("inv-parquet", "concertation@parquet.example", "fr", "REQUEST", 0),
        invitation("inv-cpas", "vif@cpas-seraing.example", "nl", "REQUEST", 0),
      );
      await service.deliver();
      const first = await servers.smtp.waitForMessages(2);
      const toParquet = first.find((m) => m.envelope.to.includes("concertation@parquet.example"))!;
      const toCpas = first.find((m) => m.envelope.to.includes("vif@cpas-seraing.example"))!;
      expect(toParquet.envelope.to).toEqual(["concertation@parquet.example"]);
      expect(toParquet.parsed.subject).toBe(
        "Invitation : concertation de cas « Concertation Seraing–Neupré »",
      );
      expect(toCpas.parsed.subject).toBe('Uitnodiging: casusoverleg "Concertation Seraing–Neupré"');
      const parquetIcs = calendarOf(toParquet);
      expect(parquetIcs.method).toBe("REQUEST");
      expect(parquetIcs.events).toHaveLength(1);
      expect(parquetIcs.events[0]!.attendees).toEqual(["mailto:concertation@parquet.example"]);
      expect(parquetIcs.raw).not.toContain("cpas-seraing");
      expect(calendarOf(toCpas).events[0]!.attendees).toEqual(["mailto:vif@cpas-seraing.example"]);
      // 14:00 Brussels time before and after both daylight-saving changes.
      const occurrences = parquetIcs.occurrences(10);
      expect(occurrences.map((o) => o.local.slice(11))).toEqual(Array(10).fill("14:00:00"));
      expect(occurrences[0]!.utc).toBe("2026-03-10T13:00:00.000Z");
      expect(occurrences[1]!.utc).toBe("2026-04-14T12:00:00.000Z");
      expect(occurrences[8]!.utc).toBe("2026-11-10T13:00:00.000Z");
      const uid = parquetIcs.events[0]!.uid;
      expect(uid).not.toBe(calendarOf(toCpas).events[0]!.uid);

      servers.smtp.clear();
      await service.publish(
        invitation("inv-parquet", "concertation@parquet.example", "fr", "REQUEST", 1),
        invitation("inv-cpas", "vif@cpas-seraing.example", "nl", "CANCEL", 1),
      );
      await service.deliver();
      const second = await servers.smtp.waitForMessages(2);
      const update = calendarOf(second.find((m) => m.envelope.to.includes("concertation@parquet.example"))!);
      expect(update.events[0]).toMatchObject({ uid, sequence: 1 });
      const cancelMail = second.find((m) => m.envelope.to.includes("vif@cpas-seraing.example"))!;
      const cancel = calendarOf(cancelMail);
      expect(cancel.method).toBe("CANCEL");
      expect(cancel.events[0]).toMatchObject({ sequence: 1, status: "CANCELLED" });
      expect(cancelMail.parsed.subject).toContain("Geannuleerd");
    }));

  it("reminds an overdue action's owner at their address, in their language", () =>
    servers.withService("2026-03-21T09:00:00Z", async (service) => {
      await service.publish(
        createEvent(ActionOverdue, {
          orgId: ORG,
          source: "conferences",
          data: {
            actionId: "act-1",
            conferenceId: calendar.conferenceId,
            conferenceTitle: calendar.title,
            dueDate: "2026-03-20",
            language: "en",
            sealed: sealForNotifications({ email: "vif@cpas-seraing.example" }, ActionOverdue.type),
          },
        }),
      );
      await service.deliver();
      const [mail] = await servers.smtp.waitForMessages(1);
      expect(mail!.envelope.to).toEqual(["vif@cpas-seraing.example"]);
      expect(mail!.parsed.subject).toBe('Overdue action: case conference "Concertation Seraing–Neupré"');
      expect(mail!.parsed.text).toContain("20 March 2026");
    }));
});
