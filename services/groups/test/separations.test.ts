import { type ContactPreferences, createEvent, ReferralReceived } from "@relais/contracts";
import { type NatsProcess, startNats, waitFor } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { separations } from "../src/db/schema.js";
import { startGroups } from "./harness.js";

const preferences: ContactPreferences = {
  channels: ["phone"],
  safeWindows: [],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
} as const;

describe("referrals.referral.received in groups", () => {
  let nats: NatsProcess;
  beforeAll(async () => {
    nats = await startNats();
  });
  afterAll(() => nats.stop());

  it("records victim and author as persons to keep apart, once, however often the event arrives", async () => {
    const service = await startGroups(nats);
    service.runner.start();
    try {
      const event = createEvent(ReferralReceived, {
        orgId: "org-liege",
        source: "referrals",
        data: {
          referralId: "ref-1",
          policeZone: "5277",
          municipality: "Seraing",
          riskLevel: "high",
          childrenPresent: true,
          persons: [
            {
              personRef: "prs_victim0001",
              role: "victim",
              consent: true,
              language: "fr",
              timeZone: "Europe/Brussels",
              preferences,
            },
            {
              personRef: "prs_author0001",
              role: "author",
              consent: true,
              language: "fr",
              timeZone: "Europe/Brussels",
              preferences,
            },
          ],
        },
      });
      const js = await service.bus.jetstream();
      const payload = new TextEncoder().encode(JSON.stringify(event));
      await js.publish(event.type, payload, { msgID: event.id });
      await js.publish(event.type, payload, { msgID: `${event.id}-again` });

      await waitFor(async () => (await service.database.db.select().from(separations)).length === 2, {
        timeoutMs: 10_000,
        message: "separations recorded",
      });
      const rows = await service.database.db.select().from(separations);
      expect(rows.map((r) => [r.personRef, r.otherPersonRef]).sort()).toEqual([
        ["prs_author0001", "prs_victim0001"],
        ["prs_victim0001", "prs_author0001"],
      ]);
      expect(rows.every((r) => r.orgId === "org-liege")).toBe(true);
    } finally {
      await service.stop();
    }
  });
});
