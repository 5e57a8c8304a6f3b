// The evaluation statistics of notifications on messages whose counts are known: invites made by
// real enrolment events on a real nats-server, sent to a real SMTP server on loopback and to the
// SMS gateway (msw: the one third party), another organisation's messages in the same log.
import {
  ManualClock,
  mintToken,
  type NatsProcess,
  type SmtpSink,
  startNats,
  startSmtpSink,
} from "@relais/testing";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpSmsGateway } from "../src/adapters/sms-gateway.js";
import { enrolled, ORG, weeklySeries } from "./fixtures.js";
import { type Notifications, startNotifications } from "./harness.js";

const GATEWAY = "https://sms-gateway.test/v1/messages";
const OTHER = "org-other";

describe("GET /v1/statistics (notifications)", () => {
  let nats: NatsProcess;
  let smtp: SmtpSink;
  let service: Notifications;
  const gateway = setupServer();
  // Tuesday 31 March 2026, 23:30 in Brussels (summer time): still March there.
  const clock = new ManualClock("2026-03-31T21:30:00Z");
  let smsAnswer = 200;

  beforeAll(async () => {
    gateway.listen({ onUnhandledRequest: "bypass" });
    gateway.use(
      http.post(GATEWAY, () =>
        smsAnswer === 200 ? HttpResponse.json({ id: "gw-1" }) : new HttpResponse(null, { status: smsAnswer }),
      ),
    );
    [nats, smtp] = await Promise.all([startNats(), startSmtpSink()]);
    service = await startNotifications(nats, {
      clock,
      smtp,
      sms: httpSmsGateway({ url: GATEWAY, key: "gateway-key", timeoutMs: 2_000 }),
    });
    // Sessions in June: no reminder falls due in March or April, only the invites go out.
    const series = weeklySeries({ groupId: "grp-stats", firstLocal: "2026-06-02T18:00:00", count: 4 });
    const person = (n: number, channel: "email" | "sms", org = ORG) => ({
      personRef: `prs_stat${String(n).padStart(5, "0")}`,
      org,
      ...(channel === "email"
        ? { email: `p${n}@example.org` }
        : { phone: `+3247000${String(n).padStart(4, "0")}` }),
      channels: [channel],
    });
    // March: six invites by e-mail, five by SMS, all sent; the other organisation's two e-mails.
    await service.publish(
      ...[0, 1, 2, 3, 4, 5].map((n) => enrolled(series, person(n, "email"))),
      ...[6, 7, 8, 9, 10].map((n) => enrolled(series, person(n, "sms"))),
      ...[11, 12].map((n) => enrolled(series, person(n, "email", OTHER))),
    );
    await service.deliver();
    // Wednesday 1 April, 00:30 in Brussels (22:30 UTC on 31 March): five SMS the gateway refuses.
    clock.set("2026-03-31T22:30:00Z");
    smsAnswer = 400;
    await service.publish(...[13, 14, 15, 16, 17].map((n) => enrolled(series, person(n, "sms"))));
    await service.deliver();
  }, 60_000);
  afterAll(async () => {
    gateway.close();
    await service?.stop();
    await smtp?.close();
    await nats?.stop();
  });

  async function statistics(query: string, role = "coordinator", org = ORG) {
    const token = await mintToken({ role: role as "coordinator", org });
    const res = await service.app.request(`/v1/statistics?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      text: await res.clone().text(),
      body: (await res.json()) as { tables: unknown[] },
    };
  }

  it("counts messages sent and failed per channel, by month in Brussels time", async () => {
    expect(smtp.messages.length).toBe(8);
    const { status, body } = await statistics("from=2026-03&to=2026-04");
    expect(status).toBe(200);
    expect(body.tables).toEqual([
      {
        id: "messages.outcome",
        rowsBy: "month",
        categories: ["email.sent", "email.failed", "sms.sent", "sms.failed"],
        rows: [
          { key: "2026-03", cells: [6, 0, 5, 0], total: 11 },
          { key: "2026-04", cells: [0, 0, 0, 5], total: 5 },
        ],
        totals: [6, 0, 5, 5],
        total: 16,
      },
    ]);
  });

  it("suppresses the other organisation's two messages and never adds them to ours", async () => {
    const { body } = await statistics("from=2026-03&to=2026-04", "coordinator", OTHER);
    expect(body.tables[0]).toMatchObject({
      rows: [
        { key: "2026-03", cells: [null, 0, 0, 0], total: null },
        { key: "2026-04", cells: [0, 0, 0, 0], total: 0 },
      ],
      totals: [null, 0, 0, 0],
      total: null,
    });
  });

  it("answers coordinators only and knows no other breakdown than the month", async () => {
    for (const role of ["caseworker", "facilitator", "programme_staff", "police", "admin"]) {
      expect((await statistics("from=2026-03&to=2026-04", role)).status, role).toBe(403);
    }
    const byZone = await statistics("from=2026-03&to=2026-04&by=zone");
    expect(byZone.status).toBe(400);
    expect(byZone.text).toContain("by");
  });
});
