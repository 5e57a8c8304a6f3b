// The criticality grid: versions, assessments, the re-plan and escalation a raised level causes,
// the police's answers at intake, and who may see what (README "Criticality grid").
import { CallbackEscalated } from "@relais/contracts";
import { auditLog } from "@relais/service-kit";
import { type ManualClock, mintToken, POLICE_STATUS_FIELDS } from "@relais/testing";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { EXAMPLE_GRID } from "../src/db/criticality-grid-example.js";
import { loadExampleGrid } from "../src/db/criticality-grids.js";
import { criticalityAssessments, outbox, webhookDeliveries } from "../src/db/schema.js";
import { seraingReferral } from "./fixtures.js";
import { call, ORG, type Service, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";
const AUTHORS = "vif-ment-fini-authors";
const OTHER_ORG = "org-namur";
/** 4 + 5 + 3 = 12 points: high by the example grid's thresholds (medium 5, high 12). */
const HIGH = {
  threats_to_kill: "yes",
  strangulation: "yes",
  weapon: "yes",
  escalation: "no",
  separation: "no",
  children_exposed: "no",
};
/** 4 + 1 = 5 points: exactly the medium threshold. */
const MEDIUM = { ...HIGH, strangulation: "no", weapon: "unknown" };
/** 4 points: one below medium. */
const LOW = { ...HIGH, strangulation: "no", weapon: "no" };
const NOTHING = Object.fromEntries(Object.keys(HIGH).map((q) => [q, "no"]));

describe("criticality grid", () => {
  // Friday 20 November 2026, 22:00 in Brussels.
  let service: Service;
  let clock: ManualClock;
  useSeededReferrals("2026-11-20T21:00:00Z", async (world) => {
    ({ service, clock } = world);
    await loadExampleGrid(service.database, ORG, clock.now());
  });

  let keys = 0;
  const key = () => ({ "idempotency-key": `crit-${++keys}` });
  /** A POST under a fresh idempotency key. */
  const post = (path: string, token: string, body: unknown) =>
    call(service, "POST", path, token, body, key());
  const victimWorker = () => tokens.caseworker([VICTIMS], "worker-v");
  const authorWorker = () => tokens.caseworker([AUTHORS], "worker-a");
  const otherCoordinator = () => mintToken({ role: "coordinator", org: OTHER_ORG, sub: "coord-namur" });

  async function fileLow(extra: Record<string, unknown> = {}) {
    const filed = await post(
      "/v1/referrals",
      await tokens.police(),
      seraingReferral({ riskLevel: "low", ...extra }),
    );
    expect(filed.status).toBe(201);
    const tasks = await call(service, "GET", "/v1/callbacks", await tokens.coordinator());
    const mine = tasks.body.items.filter((t: { referralId: string }) => t.referralId === filed.body.id);
    return {
      id: filed.body.id as string,
      victim: mine.find((t: { role: string }) => t.role === "victim"),
      author: mine.find((t: { role: string }) => t.role === "author"),
    };
  }
  async function events(type: string) {
    const rows = await service.database.db.select().from(outbox).where(eq(outbox.subject, type));
    return rows.map((row) => JSON.parse(row.payload));
  }
  async function audits(action: string) {
    return service.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  }
  const assess = async (taskId: string, answers: Record<string, string>, token?: string, version = 1) =>
    post(`/v1/callbacks/${taskId}/assessments`, token ?? (await victimWorker()), {
      gridVersion: version,
      answers,
    });

  it("serves the example grid as version 1, and publishes new versions that leave older ones readable", async () => {
    const current = await call(service, "GET", "/v1/criticality-grids/current", await victimWorker());
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ version: 1, maxScore: 23, thresholds: { medium: 5, high: 12 } });
    expect(current.body.title).toContain("EXAMPLE");
    // Police read the current grid to answer at intake.
    expect((await call(service, "GET", "/v1/criticality-grids/current", await tokens.police())).status).toBe(
      200,
    );

    const coordinator = await tokens.coordinator();
    const next = { ...EXAMPLE_GRID, title: "Seraing grid 2027", thresholds: { medium: 3, high: 8 } };
    const headers = { "idempotency-key": "publish-1" };
    const published = await call(service, "POST", "/v1/criticality-grids", coordinator, next, headers);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 2, title: "Seraing grid 2027" });
    const replay = await call(service, "POST", "/v1/criticality-grids", coordinator, next, headers);
    expect(replay).toMatchObject({ status: 201, replayed: true });
    expect(replay.body.version).toBe(2);

    const list = await call(service, "GET", "/v1/criticality-grids", coordinator);
    expect(list.body.items.map((g: { version: number; current: boolean }) => [g.version, g.current])).toEqual(
      [
        [2, true],
        [1, false],
      ],
    );
    expect(list.body.items[0].publishedBy).toBe("coord-1");
    const old = await call(service, "GET", "/v1/criticality-grids/1", await victimWorker());
    expect(old.body.thresholds).toEqual({ medium: 5, high: 12 });
    expect((await call(service, "GET", "/v1/criticality-grids/current", coordinator)).body.version).toBe(2);
    expect(await audits("criticality_grid.publish")).toHaveLength(1);
    expect((await audits("criticality_grid.read")).length).toBeGreaterThanOrEqual(5);

    // Bad definitions are 400s naming the field; caseworkers and police cannot publish.
    const bad = await post("/v1/criticality-grids", coordinator, {
      ...next,
      thresholds: { medium: 3, high: 99 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        path: "thresholds.high",
        code: "threshold_unreachable",
        params: { maximum: 23 },
        message: "Unreachable: the highest possible score is 23",
      },
    ]);
    const dup = await post("/v1/criticality-grids", coordinator, {
      ...next,
      questions: [next.questions[0], next.questions[0]],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe("questions.1.id");
    const asWorker = await post("/v1/criticality-grids", await victimWorker(), next);
    expect(asWorker.status).toBe(403);
    expect((await call(service, "GET", "/v1/criticality-grids", await victimWorker())).status).toBe(403);
    expect((await call(service, "GET", "/v1/criticality-grids/1", await tokens.police())).status).toBe(403);

    // Another organisation has none of these versions.
    const other = await otherCoordinator();
    expect((await call(service, "GET", "/v1/criticality-grids/2", other)).status).toBe(404);
    expect((await call(service, "GET", "/v1/criticality-grids/current", other)).status).toBe(404);
    expect((await call(service, "GET", "/v1/criticality-grids", other)).body.items).toEqual([]);
  });

  it("raises the level: re-plans the SLA at once and escalates exactly once, also on a retry", async () => {
    const { victim } = await fileLow();
    // Filed Friday 22:00, low risk, weekday windows 09:00-12:00: due Monday 09:00, deadline Tuesday 12:00.
    expect(victim).toMatchObject({
      riskLevel: "low",
      dueAt: "2026-11-23T08:00:00.000Z",
      slaDeadline: "2026-11-24T11:00:00.000Z",
    });
    clock.set("2026-11-23T08:30:00Z"); // Monday 09:30
    const headers = { "idempotency-key": "assess-1" };
    const body = { gridVersion: 1, answers: HIGH };
    const path = `/v1/callbacks/${victim.id}/assessments`;
    const first = await call(service, "POST", path, await victimWorker(), body, headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      source: "callback",
      gridVersion: 1,
      score: 12,
      riskLevel: "high",
      previousRiskLevel: "low",
      raised: true,
      answers: HIGH,
      assessedBy: "worker-v",
      // The high SLA from filing (Saturday 02:00) moves to the end of Monday's window.
      task: {
        id: victim.id,
        riskLevel: "high",
        dueAt: "2026-11-23T08:00:00.000Z",
        slaDeadline: "2026-11-23T11:00:00.000Z",
      },
    });
    const again = await call(service, "POST", path, await victimWorker(), body, headers);
    expect(again).toMatchObject({ status: 201, replayed: true });
    expect(again.body.id).toBe(first.body.id);

    // The queue shows the task re-planned and at high risk.
    const queue = await call(service, "GET", "/v1/callbacks", await victimWorker());
    expect(queue.body.items[0]).toMatchObject({
      id: victim.id,
      riskLevel: "high",
      slaDeadline: "2026-11-23T11:00:00.000Z",
    });

    // One escalation event for the team, with no answers and no score in it.
    const escalated = (await events("referrals.callback.escalated")).map((e) =>
      CallbackEscalated.envelope.parse(e),
    );
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.data).toEqual({
      taskId: victim.id,
      referralId: victim.referralId,
      personRef: victim.personRef,
      role: "victim",
      team: VICTIMS,
      teamEmail: `${VICTIMS}@teams.relais.example`,
      riskLevel: "high",
      previousRiskLevel: "low",
      dueAt: "2026-11-23T08:00:00.000Z",
      slaDeadline: "2026-11-23T11:00:00.000Z",
      reason: "risk_raised",
    });
    expect(JSON.stringify(escalated)).not.toContain("strangulation");
    // …through the real NATS: the relay publishes it once.
    const jsm = await service.bus.manager();
    const count = async () =>
      (await jsm.streams.info("REFERRALS", { subjects_filter: "referrals.callback.escalated" })).state
        .subjects?.["referrals.callback.escalated"] ?? 0;
    const before = await count();
    service.relay.start();
    await service.relay.drained();
    expect(await count()).toBe(before + 1);

    // The coordinator sees it among the escalations at once.
    const escalations = await call(service, "GET", "/v1/oversight/escalations", await tokens.coordinator());
    expect(escalations.body.items).toEqual([
      expect.objectContaining({
        id: victim.id,
        kind: "raised",
        riskLevel: "high",
        escalatedAt: "2026-11-23T08:30:00.000Z",
      }),
    ]);
    expect(await audits("criticality.assess")).toHaveLength(1);
    // The filing zone's status says nothing of it.
    const status = await call(
      service,
      "GET",
      `/v1/referrals/${victim.referralId}/status`,
      await tokens.police(),
    );
    expect(status.status).toBe(200);
    expect(status.text).not.toMatch(/score|assessment|risk|escalat/i);
  });

  it("does not relax a planned due time when the level is lowered, nor escalate again", async () => {
    const { victim } = await fileLow();
    clock.set("2026-11-23T08:30:00Z");
    expect((await assess(victim.id, HIGH)).status).toBe(201);
    clock.set("2026-11-23T09:00:00Z");
    const lower = await assess(victim.id, NOTHING);
    expect(lower.body).toMatchObject({
      score: 0,
      riskLevel: "low",
      previousRiskLevel: "high",
      raised: false,
    });
    expect(lower.body.task).toMatchObject({ riskLevel: "high", slaDeadline: "2026-11-23T11:00:00.000Z" });
    // Same level again: nothing moves either.
    const same = await assess(victim.id, HIGH);
    expect(same.body).toMatchObject({ raised: false, previousRiskLevel: "high" });
    expect(await events("referrals.callback.escalated")).toHaveLength(1);

    // The person's history, newest first, for the team and the coordinators; audited.
    const history = await call(
      service,
      "GET",
      `/v1/callbacks/${victim.id}/assessments`,
      await victimWorker(),
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((a: { score: number }) => a.score)).toEqual([12, 0, 12]);
    const asCoordinator = await call(
      service,
      "GET",
      `/v1/callbacks/${victim.id}/assessments`,
      await tokens.coordinator(),
    );
    expect(asCoordinator.body.items).toHaveLength(3);
    expect(await audits("criticality.read")).toHaveLength(2);
    // Answers are sealed at rest.
    const [row] = await service.database.db.select().from(criticalityAssessments).limit(1);
    expect(row!.answers).not.toContain("threats_to_kill");
  });

  it("lands medium exactly on the threshold and low one point below", async () => {
    const { victim, author } = await fileLow();
    expect((await assess(victim.id, LOW)).body).toMatchObject({ score: 4, riskLevel: "low", raised: false });
    const medium = await assess(author.id, MEDIUM, await authorWorker());
    expect(medium.body).toMatchObject({ score: 5, riskLevel: "medium", raised: true });
    // The author has no window: filed Friday 22:00 + 24 h.
    expect(medium.body.task).toMatchObject({ riskLevel: "medium", slaDeadline: "2026-11-21T21:00:00.000Z" });
  });

  it("refuses answers that do not fit the grid with 400s naming the field, and a superseded version with 409", async () => {
    const { victim } = await fileLow();
    const unknown = await assess(victim.id, { ...HIGH, pets_harmed: "yes" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        path: "answers.pets_harmed",
        code: "unknown_reference",
        message: "No such question in this grid version",
      },
    ]);
    const { weapon: _, ...missing } = HIGH;
    const incomplete = await assess(victim.id, missing);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toEqual([
      { path: "answers.weapon", code: "required", message: "Required" },
    ]);
    const badOption = await assess(victim.id, { ...HIGH, weapon: "maybe" });
    expect(badOption.body.errors[0]).toMatchObject({ path: "answers.weapon" });
    const notAString = await post(`/v1/callbacks/${victim.id}/assessments`, await victimWorker(), {
      gridVersion: 1,
      answers: { weapon: 3 },
    });
    expect(notAString.status).toBe(400);
    expect(notAString.body.errors[0].path).toBe("answers.weapon");
    const noKey = await call(
      service,
      "POST",
      `/v1/callbacks/${victim.id}/assessments`,
      await victimWorker(),
      {
        gridVersion: 1,
        answers: HIGH,
      },
    );
    expect(noKey.status).toBe(400);

    const next = { ...EXAMPLE_GRID, title: "v2" };
    expect((await post("/v1/criticality-grids", await tokens.coordinator(), next)).status).toBe(201);
    const stale = await assess(victim.id, HIGH);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "grid_superseded", errors: [{ path: "gridVersion" }] });
    expect((await assess(victim.id, HIGH, undefined, 2)).status).toBe(201);
    // Nothing was stored or changed by the refused ones.
    expect(await service.database.db.select().from(criticalityAssessments)).toHaveLength(1);
  });

  it("shows nothing to another team, another organisation or the police, with real ids", async () => {
    const { victim, author } = await fileLow();
    expect((await assess(victim.id, HIGH)).status).toBe(201);
    const path = `/v1/callbacks/${victim.id}/assessments`;
    for (const token of [
      await authorWorker(),
      await otherCoordinator(),
      await tokens.caseworker(["other-team"]),
    ]) {
      const read = await call(service, "GET", path, token);
      expect(read.status).toBe(404);
      expect(read.text).not.toContain("threats_to_kill");
      expect((await post(path, token, { gridVersion: 1, answers: HIGH })).status).toBe(404);
    }
    // The author team reaches its own task's history, which holds none of the victim's.
    const own = await call(service, "GET", `/v1/callbacks/${author.id}/assessments`, await authorWorker());
    expect(own.body.items).toEqual([]);
    for (const token of [await tokens.police(), await tokens.caseworker([])]) {
      expect((await call(service, "GET", path, token)).status).toBe(403);
      expect((await post(path, token, { gridVersion: 1, answers: HIGH })).status).toBe(403);
    }
    // Refusals are audited in the caller's organisation.
    const denied = await service.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.outcome, "denied"), eq(auditLog.recordId, victim.id)));
    expect(denied.length).toBeGreaterThanOrEqual(4);
    expect(await events("referrals.callback.escalated")).toHaveLength(1);
  });

  it("takes the police's answers at intake, raising the tasks' level, and never shows them back", async () => {
    const coordinator = await tokens.coordinator();
    const hook = await call(service, "PUT", "/v1/police-zones/zone-5277/webhook", coordinator, {
      url: "https://police-5277.example/relais/webhook",
    });
    expect(hook.status).toBe(200);
    const police = await tokens.police();
    const filed = await post(
      "/v1/referrals",
      police,
      seraingReferral({ riskLevel: "low", assessment: { answers: HIGH } }),
    );
    expect(filed.status).toBe(201);
    expect(filed.text).not.toMatch(/score|assessment|riskLevel|threats_to_kill/);
    const queue = await call(service, "GET", "/v1/callbacks", coordinator);
    const tasks = queue.body.items.filter((t: { referralId: string }) => t.referralId === filed.body.id);
    // Both tasks take the higher level, planned as high from filing.
    expect(tasks.map((t: { riskLevel: string }) => t.riskLevel)).toEqual(["high", "high"]);
    const author = tasks.find((t: { role: string }) => t.role === "author");
    expect(author.slaDeadline).toBe("2026-11-21T01:00:00.000Z");
    // The intake assessment is in every person's history, as the referral's.
    const history = await call(service, "GET", `/v1/callbacks/${author.id}/assessments`, coordinator);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        source: "intake",
        score: 12,
        riskLevel: "high",
        previousRiskLevel: null,
        assessedBy: "zone-5277",
      }),
    ]);

    // The police's status, list and webhook never show any of it.
    clock.set("2026-11-20T21:30:00Z");
    const status = await call(service, "GET", `/v1/referrals/${filed.body.id}/status`, police);
    expect(status.status).toBe(200);
    expect(Object.keys(status.body).sort()).toEqual(POLICE_STATUS_FIELDS);
    const list = await call(service, "GET", "/v1/referrals", police);
    for (const text of [status.text, list.text]) expect(text).not.toMatch(/score|assessment|risk|escalat/i);
    expect((await call(service, "GET", "/v1/criticality-grids", police)).status).toBe(403);
    expect((await call(service, "GET", `/v1/callbacks/${author.id}/assessments`, police)).status).toBe(403);
    // No webhook delivery is queued by an assessment (it changes no status).
    const deliveries = await service.database.db.select().from(webhookDeliveries);
    expect(deliveries.every((d) => !/score|assessment|risk/i.test(d.payload))).toBe(true);
    expect(deliveries).toHaveLength(0);
  });

  it("refuses intake answers that do not fit, naming the field, and files nothing", async () => {
    const bad = await post(
      "/v1/referrals",
      await tokens.police(),
      seraingReferral({ assessment: { answers: { ...HIGH, horoscope: "yes" } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        path: "assessment.answers.horoscope",
        code: "unknown_reference",
        message: "No such question in this grid version",
      },
    ]);
    const stale = await post(
      "/v1/referrals",
      await tokens.police(),
      seraingReferral({ assessment: { gridVersion: 7, answers: HIGH } }),
    );
    expect(stale).toMatchObject({
      status: 409,
      body: { code: "unknown_grid_version", errors: [{ path: "assessment.gridVersion" }] },
    });
    // An older published version is scored as that version, so a lagging records system is not refused.
    const next = { ...EXAMPLE_GRID, title: "v2", thresholds: { medium: 1, high: 2 } };
    expect((await post("/v1/criticality-grids", await tokens.coordinator(), next)).status).toBe(201);
    const older = await post(
      "/v1/referrals",
      await tokens.police(),
      seraingReferral({ riskLevel: "low", assessment: { gridVersion: 1, answers: LOW } }),
    );
    expect(older.status).toBe(201);
    const [row] = await service.database.db.select().from(criticalityAssessments);
    expect(row).toMatchObject({ gridVersion: 1, score: 4, riskLevel: "low", source: "intake" });
    const queue = await call(service, "GET", "/v1/callbacks", await tokens.coordinator());
    expect(queue.body.items.every((t: { referralId: string }) => t.referralId === older.body.id)).toBe(true);
  });
});
