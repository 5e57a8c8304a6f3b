import { Writable } from "node:stream";
import {
  CallbackEscalated,
  CallbackOverdue,
  ComplianceBreached,
  createEvent,
  PersonPurged,
} from "@relais/contracts";
import { authHeader, mintToken } from "@relais/testing";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { contacts, invites, messages, reminders } from "../src/db/schema.js";
import { enrolled, ORG, weeklySeries } from "./fixtures.js";
import { sharedServers } from "./harness.js";
import { parseCalendar } from "./ics.js";

describe("staff alerts, calendar feeds, preferences and forgetting", () => {
  const servers = sharedServers();

  it("alerts the team of an overdue call-back, a raised risk, and the authority and staff of a breach", () =>
    servers.withService("2026-03-02T09:30:00Z", async (service) => {
      const data = {
        taskId: "tsk-1",
        referralId: "ref-1",
        personRef: "prs_victim0001",
        role: "victim" as const,
        team: "Aide aux victimes Liège",
        teamEmail: "team@relais.example",
        riskLevel: "high" as const,
        dueAt: "2026-03-02T10:00:00+01:00",
        slaDeadline: "2026-03-02T14:00:00+01:00",
      };
      const breach = createEvent(ComplianceBreached, {
        orgId: ORG,
        source: "groups",
        data: {
          enrolmentId: "enr-1",
          groupId: "grp-prog",
          personRef: "prs_author0001",
          step: { kind: "warning", threshold: 2 },
          unexcusedAbsences: 2,
          mandate: {
            authority: "Maison de justice de Liège",
            contactEmail: "mj@justice.example",
            caseReference: "MJ-2026-1",
          },
          language: "fr",
          facilitators: [{ sub: "staff-1", email: "staff@relais.example" }, { sub: "staff-2" }],
        },
      });
      // A criticality assessment raised the risk (services/referrals README); published twice (a relay retry), told once.
      const escalated = createEvent(CallbackEscalated, {
        orgId: ORG,
        source: "referrals",
        data: {
          ...data,
          teamEmail: "team-raised@relais.example",
          previousRiskLevel: "low",
          reason: "risk_raised",
        },
      });
      await service.publish(createEvent(CallbackOverdue, { orgId: ORG, source: "referrals", data }), breach);
      await service.publish(escalated, escalated);
      await service.deliver();
      const mails = await servers.smtp.waitForMessages(4);
      const team = mails.find((m) => m.envelope.to.includes("team@relais.example"));
      expect(team?.parsed.subject).toBe("Rappel en retard (risque élevé) – équipe Aide aux victimes Liège");
      const raised = mails.filter((m) => m.envelope.to.includes("team-raised@relais.example"));
      expect(raised).toHaveLength(1);
      expect(raised[0]?.parsed.subject).toBe(
        "Risque du rappel relevé (risque élevé) – équipe Aide aux victimes Liège",
      );
      // It asks for a call by the re-planned deadline (14:00), not the due time.
      expect(raised[0]?.parsed.text).toContain("14:00");
      const authority = mails.find((m) => m.envelope.to.includes("mj@justice.example"));
      expect(authority?.parsed.text).toContain("MJ-2026-1");
      expect(mails.some((m) => m.envelope.to.includes("staff@relais.example"))).toBe(true);
    }));

  it("gives facilitators a private, revocable feed whose token never reaches the logs", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    await servers.withService(
      "2026-02-01T09:00:00Z",
      async (service) => {
        const series = weeklySeries({ groupId: "grp-feed" });
        await service.publish(enrolled(series, { personRef: "prs_feedperson", email: "x@example.org" }));
        const facilitator = authHeader(await mintToken({ role: "facilitator", org: ORG, sub: "fac-1" }));
        for (const role of ["coordinator", "caseworker", "police"] as const) {
          const response = await service.app.request("/v1/calendars", {
            method: "POST",
            headers: authHeader(await mintToken({ role, org: ORG })),
          });
          expect(response.status).toBe(403);
        }
        expect((await service.app.request("/v1/calendars", { method: "POST" })).status).toBe(401);

        const created = await service.app.request("/v1/calendars", { method: "POST", headers: facilitator });
        expect(created.status).toBe(201);
        const { id, url } = (await created.json()) as { id: string; url: string };
        const path = new URL(url).pathname;
        const token = path
          .split("/")
          .at(-1)!
          .replace(/\.ics$/, "");

        const feed = await service.app.request(path);
        expect(feed.status).toBe(200);
        expect(feed.headers.get("content-type")).toContain("text/calendar");
        const calendar = parseCalendar(await feed.text());
        expect(calendar.events[0]?.summary).toBe(series.publicName);
        expect(calendar.events[0]?.location).toBe("Rue Secrète 12, 4000 Liège");
        expect(calendar.events.flatMap((e) => e.attendees)).toEqual([]);
        expect(calendar.raw).not.toContain("x@example.org");
        expect(calendar.occurrences(36).every((o) => o.local.endsWith("T18:00:00"))).toBe(true);

        // Another facilitator's token sees nothing of this group; a wrong token is a plain 404.
        expect((await service.app.request("/v1/calendars/not-a-real-token.ics")).status).toBe(404);
        expect((await service.app.request("/v1/calendars/feed.ics")).status).toBe(404);

        const badId = await service.app.request("/v1/calendars/nope", {
          method: "DELETE",
          headers: facilitator,
        });
        expect(badId.status).toBe(400);
        const revoked = await service.app.request(`/v1/calendars/${id}`, {
          method: "DELETE",
          headers: facilitator,
        });
        expect(revoked.status).toBe(204);
        expect((await service.app.request(path)).status).toBe(404);
        expect(
          (await service.app.request(`/v1/calendars/${id}`, { method: "DELETE", headers: facilitator }))
            .status,
        ).toBe(404);

        const log = lines.join("");
        expect(log).toContain("/v1/calendars/feed.ics");
        expect(log).not.toContain(token);
      },
      { logger },
    );
  });

  it("lets coordinators change preferences, refuses bad ones, and forgets a purged person", () =>
    servers.withService("2026-02-01T09:00:00Z", async (service) => {
      const series = weeklySeries({ groupId: "grp-forget" });
      const personRef = "prs_forgetme01";
      await service.publish(enrolled(series, { personRef, email: "forget@example.org" }));
      // A direct enrolment has no call-back task: only a coordinator reaches this contact.
      const caseworker = authHeader(await mintToken({ role: "coordinator", org: ORG }));
      const put = (body: unknown, headers: Record<string, string> = caseworker, ref = personRef) =>
        service.app.request(`/v1/contacts/${ref}/preferences`, {
          method: "PUT",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const preferences = {
        channels: ["email", "sms"],
        safeWindows: [{ days: [1, 2], from: "09:00", to: "12:00" }],
        voicemailAllowed: false,
        discreet: true,
        doNotContact: false,
      };
      const updated = await put(preferences);
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ email: "forget@example.org", preferences });

      const bad = await put({ ...preferences, safeWindows: [{ days: [8], from: "9h", to: "12:00" }] });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["safeWindows.0.days.0", "safeWindows.0.from"]));
      expect((await put({ ...preferences, extra: 1 })).status).toBe(400);
      expect(
        (await put(preferences, authHeader(await mintToken({ role: "facilitator", org: ORG })))).status,
      ).toBe(403);
      expect(
        (await put(preferences, authHeader(await mintToken({ role: "caseworker", org: "org-namur" }))))
          .status,
      ).toBe(404);
      expect(
        (
          await put(
            preferences,
            authHeader(await mintToken({ role: "caseworker", org: ORG, claims: { teams: ["any"] } })),
          )
        ).status,
      ).toBe(404);
      expect((await put(preferences, caseworker, "prs_nobody0001")).status).toBe(404);
      expect((await put(preferences, caseworker, "nobody")).status).toBe(400);

      await service.publish(
        createEvent(PersonPurged, {
          orgId: ORG,
          source: "referrals",
          data: { personRef, referralId: "ref-9" },
        }),
      );
      expect(await service.database.db.select().from(contacts)).toHaveLength(0);
      expect(await service.database.db.select().from(invites)).toHaveLength(0);
      expect(await service.database.db.select().from(reminders)).toHaveLength(0);
      const [message] = await service.database.db.select().from(messages);
      expect(message).toMatchObject({ personRef: null, status: "suppressed", reason: "person_purged" });
      expect(service.box.open(message!.sealed)).toBe("{}");
      expect((await service.app.request(`/v1/contacts/${personRef}`, { headers: caseworker })).status).toBe(
        404,
      );
    }));
});
