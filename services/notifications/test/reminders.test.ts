import { describe, expect, it } from "vitest";
import { enrolled, moveSession, sessionMoved, weeklySeries } from "./fixtures.js";
import { sharedServers } from "./harness.js";

describe("reminders", () => {
  const servers = sharedServers();

  it("sends a moved session's reminders at the new time only, with the text of the session as it is then", () =>
    // First session: Tuesday 3 March 2026, 18:00 Brussels (17:00 UTC); reminders 24 h and 2 h before.
    servers.withService("2026-03-01T09:00:00Z", async (service, clock) => {
      const series = weeklySeries({ groupId: "grp-rem", count: 2 });
      const person = { personRef: "prs_reminded1", email: "r@example.org", language: "en" as const };
      await service.publish(enrolled(series, person));
      await service.deliver();
      await servers.smtp.waitForMessages(1);
      servers.smtp.clear();

      // Move the first session two hours later (20:00 local, 19:00 UTC).
      await service.publish(sessionMoved(moveSession(series, "ses-1", 2), "ses-1"));
      await service.deliver();
      await servers.smtp.waitForMessages(1);
      servers.smtp.clear();

      // The old 24 h moment passes: nothing.
      clock.set("2026-03-02T17:30:00Z");
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(0);

      // The new 24 h moment.
      clock.set("2026-03-02T19:00:00Z");
      await service.deliver();
      const [dayBefore] = await servers.smtp.waitForMessages(1);
      expect(dayBefore?.parsed.subject).toBe(
        "Reminder: Groupe de parole pour victimes de violence, Tuesday 3 March 2026, 20:00",
      );

      // The old 2 h moment: nothing; the new one: the reminder. Then nothing more for that session.
      clock.set("2026-03-03T15:30:00Z");
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(1);
      clock.set("2026-03-03T17:00:00Z");
      await service.deliver();
      const reminders = await servers.smtp.waitForMessages(2);
      expect(reminders[1]?.parsed.text).toContain("Tuesday 3 March 2026, 20:00");
      clock.set("2026-03-03T19:30:00Z");
      await service.deliver();
      expect(servers.smtp.messages).toHaveLength(2);
    }));
});
