// A service added to a running deployment learns the call-back tasks filed before the REFERRALS
// stream's retention: referrals announces them again on a coordinator's or admin's request
// (`POST /v1/oversight/task-announcements`). Real processes: referrals, then housing started
// later on a stream whose older messages are gone (purged, as 30 days of retention would).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NatsProcess, startNats, waitForValue } from "@relais/testing";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowReferral, MUNICIPALITY } from "./flow.js";
import { jsonRequest, OTHER_ORG, tokenFor } from "./http.js";
import { newStackKeys, type RunningService, startService } from "./stack.js";

describe("a service that joins late", () => {
  let nats: NatsProcess;
  let dataDir: string;
  const keys = newStackKeys();
  const running: RunningService[] = [];
  let referrals: RunningService;

  beforeAll(async () => {
    nats = await startNats();
    dataDir = mkdtempSync(join(tmpdir(), "relais-late-"));
    referrals = await startService("referrals", {
      natsUrl: nats.url,
      databasePath: join(dataDir, "referrals.db"),
      keys,
    });
    running.push(referrals);
  });
  afterAll(async () => {
    await Promise.all(running.map((service) => service.process.stop()));
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("learns the teams that follow each person once referrals announces its tasks again", async () => {
    const coordinator = await tokenFor("coordinator");
    const route = await jsonRequest(`${referrals.url}/v1/routes/${MUNICIPALITY}`, {
      method: "PUT",
      token: coordinator,
      body: { victim: { team: "seraing-victims" }, author: { team: "seraing-authors" } },
    });
    expect(route.status, route.text).toBeLessThan(300);
    const filed = await jsonRequest<{ id: string; persons: Array<{ role: string; personRef: string }> }>(
      `${referrals.url}/v1/referrals`,
      { method: "POST", token: await tokenFor("police"), body: flowReferral("late", 1), key: "late-1" },
    );
    expect(filed.status, filed.text).toBe(201);
    const victim = filed.json.persons.find((p) => p.role === "victim")!;

    // The openings have been published; then the stream forgets them, as it does after 30 days.
    const nc = await connect({ servers: nats.url });
    const jsm = await nc.jetstreamManager();
    await waitForValue(
      async () => ((await jsm.streams.info("REFERRALS")).state.messages >= 3 ? true : undefined),
      { timeoutMs: 30_000, message: "the referral's events published" },
    );
    await jsm.streams.purge("REFERRALS");
    await nc.close();

    const housing = await startService("housing", {
      natsUrl: nats.url,
      databasePath: join(dataDir, "housing.db"),
      keys,
    });
    running.push(housing);
    const ask = async (team: string, key: string) =>
      jsonRequest<{ id: string; code?: string }>(`${housing.url}/v1/placements`, {
        method: "POST",
        token: await tokenFor("caseworker", undefined, `e2e-${team}`, { teams: [team] }),
        body: {
          personRef: victim.personRef,
          referralId: filed.json.id,
          householdSize: 1,
          riskLevel: "medium",
          nights: 7,
        },
        key,
      });
    // Housing never heard of the task: the victims' team is refused.
    const before = await ask("seraing-victims", "late-ask-1");
    expect(before.status, before.text).toBe(409);
    expect(before.json.code).toBe("person_not_followed");

    // Only the organisation's coordinators and admins may announce; another organisation's
    // coordinator announces its own (none), not these.
    for (const role of ["caseworker", "police", "facilitator", "housing_staff"] as const) {
      const refused = await jsonRequest(`${referrals.url}/v1/oversight/task-announcements`, {
        method: "POST",
        token: await tokenFor(role),
        body: {},
      });
      expect(refused.status, role).toBe(403);
    }
    const elsewhere = await jsonRequest(`${referrals.url}/v1/oversight/task-announcements`, {
      method: "POST",
      token: await tokenFor("coordinator", OTHER_ORG),
      body: {},
    });
    expect(elsewhere.json).toEqual({ opened: 0, closed: 0 });

    const announced = await jsonRequest(`${referrals.url}/v1/oversight/task-announcements`, {
      method: "POST",
      token: await tokenFor("admin"),
      body: {},
    });
    expect(announced.status, announced.text).toBe(200);
    expect(announced.json).toEqual({ opened: 2, closed: 0 });

    // The same request as before now goes through (a refusal is not kept under its key).
    const placement = await waitForValue(
      async () => {
        const answer = await ask("seraing-victims", "late-ask-1");
        if (answer.status === 201) return answer.json;
        expect(answer.json.code, answer.text).toBe("person_not_followed");
        return undefined;
      },
      { timeoutMs: 30_000, message: "housing to learn the announced task" },
    );
    expect(placement.id).toEqual(expect.any(String));
    // The authors' team follows the author, not the victim: still refused.
    const other = await ask("seraing-authors", "late-ask-2");
    expect(other.status, other.text).toBe(409);
    expect(other.json.code).toBe("person_not_followed");
  });
});
