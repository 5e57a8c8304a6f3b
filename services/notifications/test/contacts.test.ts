import { type ContactPreferences, ReferralReceived } from "@relais/contracts";
import { mintToken, referralReceived, referredPerson, useNats, waitFor } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { contacts } from "../src/db/schema.js";
import { callbackOpened } from "./fixtures.js";
import { startNotifications } from "./harness.js";
import { sealForNotifications } from "./seal-keys.js";

const preferences: ContactPreferences = {
  channels: ["phone", "sms"],
  safeWindows: [],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
} as const;

describe("contact book", () => {
  const broker = useNats();

  it("stores contactable persons from referral.received encrypted and shows them to caseworkers only", async () => {
    const service = await startNotifications(broker.nats);

    try {
      const event = referralReceived("org-liege", {
        referralId: "ref-1",
        persons: [
          referredPerson("prs_victim0001", "victim", {
            sealed: sealForNotifications(
              { displayName: "Amina", contact: { email: "amina@example.org", phone: "+32470000001" } },
              ReferralReceived.type,
            ),
            preferences,
          }),
          referredPerson("prs_author0001", "author", { consent: false, language: "nl", preferences }),
        ],
      });
      const js = await service.bus.jetstream();
      await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
      await waitFor(async () => (await service.database.db.select().from(contacts)).length === 1, {
        timeoutMs: 10_000,
        message: "contact stored",
      });
      const [row] = await service.database.db.select().from(contacts);
      expect(row?.sealed).not.toContain("amina");
      expect(row?.sealed).not.toContain("+32470000001");

      // The victim's call-back task is her team's: through it, that team's caseworker reaches her.
      await service.publish(
        callbackOpened({ taskId: "cbk-1", personRef: "prs_victim0001", team: "liege-victims" }),
      );
      const caseworker = await mintToken({
        role: "caseworker",
        org: "org-liege",
        claims: { teams: ["liege-victims"] },
      });
      const response = await service.app.request("/v1/contacts/prs_victim0001", {
        headers: { authorization: `Bearer ${caseworker}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        email: "amina@example.org",
        phone: "+32470000001",
        displayName: "Amina",
      });

      const statusOf = async (path: string, token: string) =>
        (await service.app.request(path, { headers: { authorization: `Bearer ${token}` } })).status;
      const police = await mintToken({ role: "police", org: "org-liege" });
      expect(await statusOf("/v1/contacts/prs_victim0001", police)).toBe(403);
      const otherOrg = await mintToken({ role: "caseworker", org: "org-namur" });
      expect(await statusOf("/v1/contacts/prs_victim0001", otherOrg)).toBe(404);
      expect(await statusOf("/v1/contacts/prs_author0001", caseworker)).toBe(404);
      expect(await statusOf("/v1/contacts/not-a-ref", caseworker)).toBe(400);
    } finally {
      await service.stop();
    }
  });
});
