// An emergency placement confirmed in housing: the person gets one discreet message with the
// address, through their own organisation's contact and its safe-contact rules, once however often
// the event comes; the address is in no answer of the delivery log and not in clear at rest.
import { readFileSync } from "node:fs";
import { createEvent, PlacementConfirmed } from "@relais/contracts";
import { mintToken } from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inbox, messages } from "../src/db/schema.js";
import { ORG, referred } from "./fixtures.js";
import { sharedServers } from "./harness.js";
import { sealForNotifications } from "./seal-keys.js";

const ADDRESS = "Chemin des Saules 9, 4020 Liège";

function confirmed(personRef: string, org = ORG) {
  return createEvent(PlacementConfirmed, {
    orgId: org,
    source: "housing",
    data: {
      placementId: `plc-${personRef}`,
      personRef,
      householdSize: 2,
      startDate: "2026-03-10",
      plannedEndDate: "2026-03-24",
      timeZone: "Europe/Brussels",
      sealed: sealForNotifications({ address: ADDRESS }, PlacementConfirmed.type),
    },
  });
}

describe("the address of an emergency placement", () => {
  const servers = sharedServers();

  it("goes once, discreetly, inside the person's safe window, and stays out of the delivery log", () =>
    // Tuesday 10 March 2026, 08:00 in Brussels; the person may be written to on Tuesdays 10:00-12:00.
    servers.withService("2026-03-10T07:00:00Z", async (service, clock) => {
      const person = {
        personRef: "prs_housed00001",
        email: "housed@example.org",
        name: "Nadia",
        discreet: true,
        language: "fr" as const,
        safeWindows: [{ days: [2], from: "10:00", to: "12:00" }],
      };
      await service.publish(referred(person));
      // The same person's reference in another organisation, with another address: never used.
      await service.publish(referred({ ...person, org: "org-namur", email: "other-org@example.org" }));
      const event = confirmed(person.personRef);
      await service.publish(event);
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);
      const [held] = await service.database.db
        .select()
        .from(messages)
        .where(eq(messages.personRef, person.personRef));
      expect(held).toMatchObject({
        template: "housing_placement_confirmed",
        status: "queued",
        reason: "waiting_for_safe_window",
      });

      clock.set("2026-03-10T09:05:00Z");
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(1);
      const mail = servers.smtp.messages[0]!;
      expect(mail.envelope.to).toEqual(["housed@example.org"]);
      expect(mail.parsed.subject).toBe("Votre rendez-vous");
      expect(mail.parsed.from?.value[0]?.name).toBe("Rendez-vous");
      expect(mail.parsed.text).toContain(ADDRESS);
      expect(mail.parsed.text).toContain("mardi 10 mars 2026");
      for (const word of ["hébergement", "refuge", "violence", "victime", "urgence", "Nadia"])
        expect(`${mail.parsed.subject} ${mail.parsed.text}`.toLowerCase()).not.toContain(word.toLowerCase());

      // Redelivered (JetStream's dedupe window bypassed with a new message id): still one message.
      const js = await service.bus.jetstream();
      await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), {
        msgID: `again-${event.id}`,
      });
      await new Promise((r) => setTimeout(r, 500));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(1);
      expect(await service.database.db.select().from(inbox).where(eq(inbox.eventId, event.id))).toHaveLength(
        1,
      );
      expect(
        await service.database.db.select().from(messages).where(eq(messages.personRef, person.personRef)),
      ).toHaveLength(1);

      // The delivery log shows the message, never the address.
      const coordinator = await mintToken({ role: "coordinator", org: ORG });
      const list = await service.app.request("/v1/messages", {
        headers: { authorization: `Bearer ${coordinator}` },
      });
      const listed = await list.text();
      expect(listed).toContain("housing_placement_confirmed");
      expect(listed).not.toContain("Saules");
      const id = (JSON.parse(listed) as { items: Array<{ id: string; template: string }> }).items.find(
        (m) => m.template === "housing_placement_confirmed",
      )!.id;
      const one = await service.app.request(`/v1/messages/${id}`, {
        headers: { authorization: `Bearer ${coordinator}` },
      });
      expect(one.status).toBe(200);
      expect(await one.text()).not.toContain("Saules");
      for (const suffix of ["", "-wal"]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(service.database.path + suffix);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from("Saules")), suffix).toBe(false);
      }
    }));

  it("is sent to no one without a contact of the placement's own organisation, nor to a person who asked not to be contacted", () =>
    servers.withService("2026-03-10T10:00:00Z", async (service) => {
      await service.publish(
        referred({ personRef: "prs_elsewhere01", email: "elsewhere@example.org", org: "org-namur" }),
      );
      await service.publish(
        referred({ personRef: "prs_nocontact1", email: "no@example.org", doNotContact: true }),
      );
      await service.publish(confirmed("prs_elsewhere01"), confirmed("prs_nocontact1"));
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);
      const rows = await service.database.db.select().from(messages);
      const reasons = Object.fromEntries(rows.map((r) => [r.personRef, [r.status, r.reason]]));
      expect(reasons).toMatchObject({
        prs_elsewhere01: ["suppressed", "no_contact"],
        // Referrals passes no details for a person who said "do not contact": there is no contact.
        prs_nocontact1: ["suppressed", "no_contact"],
      });
    }));
});
