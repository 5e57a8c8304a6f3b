import { PlacementConfirmed } from "@relais/contracts";
import { ManualClock, useService } from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outbox } from "../src/db/schema.js";
import { coordinator, json, placeInput, problem, requestInput, staff, worker } from "./client.js";
import { startHousing } from "./harness.js";

interface Placement {
  id: string;
  status: string;
  placeAllocated: boolean;
  place?: { id: string; label: string } | null;
  startDate: string;
  plannedEndDate: string;
  endDate: string | null;
  exit: string | null;
  followUpDue: string | null;
  followUpOutcome: string | null;
}

describe("emergency placements", () => {
  // 10 March 2026, 09:00 in Brussels.
  const clock = new ManualClock("2026-03-10T08:00:00Z");
  const live = useService((nats) => startHousing(nats, { clock }));

  async function newPlace(overrides: Record<string, unknown> = {}) {
    const response = await live.service.client.post("/v1/places", placeInput(overrides), staff);
    expect(response.status).toBe(201);
    return json<{ id: string }>(response);
  }
  async function confirmedEvents(placementId: string) {
    const rows = await live.service.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.subject, PlacementConfirmed.type));
    return rows.map((r) => JSON.parse(r.payload)).filter((e) => e.data.placementId === placementId);
  }

  it("holds a place for a medium-risk request, housing staff confirm it, then extend, end and follow up", async () => {
    const place = await newPlace({ label: "Studio A", address: "Rue Secrète 1, 4000 Liège" });
    await live.service.follow("prs_happy00001");
    const asked = await live.service.client.post(
      "/v1/placements",
      requestInput({ personRef: "prs_happy00001" }),
      worker,
    );
    expect(asked.status).toBe(201);
    const requested = await json<Placement>(asked);
    expect(requested).toMatchObject({
      status: "allocated",
      placeAllocated: true,
      startDate: "2026-03-10",
      plannedEndDate: "2026-03-24",
    });
    // The requester learns that a place is held, never which one.
    expect(requested.place).toBeUndefined();
    expect(await confirmedEvents(requested.id)).toHaveLength(0);

    const pending = await json<{ items: Placement[] }>(
      await live.service.client.get("/v1/placements?status=allocated,waiting", staff),
    );
    expect(pending.items.find((p) => p.id === requested.id)?.place).toMatchObject({
      id: place.id,
      label: "Studio A",
    });

    const confirmed = await json<Placement>(
      await live.service.client.post(`/v1/placements/${requested.id}/confirm`, {}, staff),
    );
    expect(confirmed.status).toBe("confirmed");
    const [event] = await confirmedEvents(requested.id);
    expect(event.data).toMatchObject({
      personRef: "prs_happy00001",
      startDate: "2026-03-10",
      timeZone: "Europe/Brussels",
    });
    // The address travels sealed for notifications: not in clear in the outbox, opened only with its key.
    const row = await live.service.database.db.select().from(outbox).where(eq(outbox.id, event.id));
    expect(row[0]?.payload).not.toContain("Secrète");
    expect(live.service.openAsNotifications.open(event.data.sealed, PlacementConfirmed.type)).toEqual({
      address: "Rue Secrète 1, 4000 Liège",
    });
    // Once: confirming again is refused and adds no event.
    expect(
      (await problem(await live.service.client.post(`/v1/placements/${requested.id}/confirm`, {}, staff)))
        .code,
    ).toBe("placement_not_pending");
    expect(await confirmedEvents(requested.id)).toHaveLength(1);

    const extended = await live.service.client.post(
      `/v1/placements/${requested.id}/extend`,
      { plannedEndDate: "2026-04-07" },
      staff,
    );
    expect((await json<Placement>(extended)).plannedEndDate).toBe("2026-04-07");

    clock.set("2026-03-30T07:00:00Z");
    const ended = await json<Placement>(
      await live.service.client.post(
        `/v1/placements/${requested.id}/exit`,
        { exit: "durable_housing" },
        staff,
      ),
    );
    expect(ended).toMatchObject({
      status: "ended",
      exit: "durable_housing",
      endDate: "2026-03-30",
      followUpDue: "2026-04-29",
    });

    // The requesting team sees the follow-up due, and records it.
    const due = await json<{ items: Placement[] }>(
      await live.service.client.get("/v1/placements?followUp=pending", worker),
    );
    expect(due.items.map((p) => p.id)).toContain(requested.id);
    const followed = await live.service.client.post(
      `/v1/placements/${requested.id}/follow-up`,
      { outcome: "durable_housing" },
      worker,
    );
    expect((await json<Placement>(followed)).followUpOutcome).toBe("durable_housing");

    const audit = await live.service.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.recordId, requested.id));
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        "placement.confirm",
        "placement.end",
        "placement.extend",
        "placement.follow_up",
        "placement.request",
      ].sort(),
    );
    clock.set("2026-03-10T08:00:00Z");
  });

  it("confirms a high-risk request at once, and lets a request wait when no place fits", async () => {
    await newPlace({ capacity: 1, label: "Single" });
    const high = await json<Placement>(
      await live.service.client.post(
        "/v1/placements",
        requestInput({ personRef: "prs_urgent0001", householdSize: 1, riskLevel: "high" }),
        coordinator,
      ),
    );
    expect(high).toMatchObject({ status: "confirmed", placeAllocated: true });
    expect(await confirmedEvents(high.id)).toHaveLength(1);

    await live.service.follow("prs_bigfamily1");
    const big = await json<Placement>(
      await live.service.client.post(
        "/v1/placements",
        requestInput({ personRef: "prs_bigfamily1", householdSize: 7 }),
        worker,
      ),
    );
    expect(big).toMatchObject({ status: "waiting", placeAllocated: false });
    expect(
      (await problem(await live.service.client.post(`/v1/placements/${big.id}/confirm`, {}, staff))).code,
    ).toBe("no_place_free");
    const family = await newPlace({ capacity: 8, label: "Maison" });
    const placed = await json<Placement>(
      await live.service.client.post(`/v1/placements/${big.id}/confirm`, { placeId: family.id }, staff),
    );
    expect(placed.status).toBe("confirmed");
    // A second open request for the same person is refused.
    const again = await live.service.client.post(
      "/v1/placements",
      requestInput({ personRef: "prs_bigfamily1" }),
      worker,
    );
    expect(await problem(again)).toMatchObject({
      status: 409,
      code: "placement_open",
      paths: ["personRef"],
      fieldCodes: ["open_placement"],
    });
  });

  it("answers bad input with 400 naming the field", async () => {
    const bad = async (path: string, body: unknown, caller: object = staff) =>
      (await problem(await live.service.client.post(path, body, caller))).paths;
    expect(await bad("/v1/placements", requestInput({ personRef: "nadia" }), worker)).toContain("personRef");
    expect(await bad("/v1/placements", requestInput({ householdSize: 0 }), worker)).toContain(
      "householdSize",
    );
    expect(await bad("/v1/placements", requestInput({ riskLevel: "extreme" }), worker)).toContain(
      "riskLevel",
    );
    expect(await bad("/v1/placements", requestInput({ nights: 200 }), worker)).toContain("nights");
    expect(await bad("/v1/placements", requestInput(), { role: "caseworker", teams: ["a", "b"] })).toContain(
      "team",
    );
    expect(await bad("/v1/placements", requestInput({ team: "someone-elses" }), worker)).toContain("team");
    expect(await bad("/v1/places", placeInput({ capacity: 0 }))).toContain("capacity");
    expect(await bad("/v1/places", placeInput({ kind: "tent" }))).toContain("kind");
    expect(
      await bad("/v1/places", placeInput({ windows: [{ startsOn: "2026-03-10", endsOn: "2026-03-01" }] })),
    ).toContain("windows.0.endsOn");
    expect(
      await bad(
        "/v1/places",
        placeInput({
          windows: [
            { startsOn: "2026-03-01", endsOn: "2026-03-20" },
            { startsOn: "2026-03-10", endsOn: "2026-04-01" },
          ],
        }),
      ),
    ).toContain("windows.1.startsOn");
    expect(
      await bad("/v1/places", placeInput({ windows: [{ startsOn: "10/03/2026", endsOn: "2026-04-01" }] })),
    ).toContain("windows.0.startsOn");
    await newPlace({ label: "Kot" });
    await live.service.follow("prs_errors0001");
    const stay = await json<Placement>(
      await live.service.client.post(
        "/v1/placements",
        requestInput({ personRef: "prs_errors0001", householdSize: 1, riskLevel: "high" }),
        worker,
      ),
    );
    expect(await bad(`/v1/placements/${stay.id}/extend`, { plannedEndDate: "2026-03-11" })).toContain(
      "plannedEndDate",
    );
    expect(await bad(`/v1/placements/${stay.id}/exit`, { exit: "prison" })).toContain("exit");
    expect(
      await bad(`/v1/placements/${stay.id}/exit`, { exit: "back_home", endDate: "2026-03-12" }),
    ).toContain("endDate");
    expect(await bad(`/v1/placements/${stay.id}/follow-up`, { outcome: "happy" }, worker)).toContain(
      "outcome",
    );
    // A window may not be taken away from under a stay.
    const held = await json<{ items: Array<{ id: string; place: { id: string } | null }> }>(
      await live.service.client.get("/v1/placements?status=confirmed", staff),
    );
    const heldPlace = held.items.find((p) => p.id === stay.id)?.place?.id as string;
    const shrink = await live.service.client.put(
      `/v1/places/${heldPlace}/availability`,
      { windows: [] },
      staff,
    );
    expect(await problem(shrink)).toMatchObject({
      status: 409,
      code: "window_holds_stay",
      paths: ["windows"],
      fieldCodes: ["windows_cover_stays"],
    });
    // Nor capacity, nor use, under a household it holds.
    const shrunk = await live.service.client.call("PATCH", `/v1/places/${heldPlace}`, staff, { capacity: 0 });
    expect((await problem(shrunk)).paths).toContain("capacity");
    const closed = await live.service.client.call("PATCH", `/v1/places/${heldPlace}`, staff, {
      active: false,
    });
    expect(await problem(closed)).toMatchObject({
      status: 409,
      code: "place_holds_stay",
      paths: ["active"],
      fieldCodes: ["place_in_use"],
    });
    expect(
      (await problem(await live.service.client.call("PATCH", `/v1/places/${heldPlace}`, staff, {}))).status,
    ).toBe(400);
    // A free place is taken out of use, and a request no longer gets it.
    const spare = await newPlace({ label: "Kot 3" });
    const renamed = await live.service.client.call("PATCH", `/v1/places/${spare.id}`, staff, {
      label: "Kot 2",
      active: false,
    });
    expect(await json(renamed)).toMatchObject({ label: "Kot 2", active: false });
  });

  it("counts occupancy per night and exits in the statistics, small cells suppressed", async () => {
    const report = await json<{
      tables: Array<{
        id: string;
        rows: Array<{ key: string; cells: Array<number | null> }>;
        total: number | null;
      }>;
    }>(await live.service.client.get("/v1/statistics?from=2026-03&to=2026-04", coordinator));
    const nights = report.tables.find((t) => t.id === "occupancy.nights");
    expect(nights?.rows.map((r) => r.key)).toEqual(["2026-03", "2026-04"]);
    // Several stays fill March with far more than 5 place-nights; the one exit is a small cell.
    expect(nights?.total).toBeGreaterThan(20);
    const exits = report.tables.find((t) => t.id === "stays.exit");
    expect(exits?.total).toBeNull();
    expect((await live.service.client.get("/v1/statistics?from=2026-03&to=2026-04", staff)).status).toBe(403);
    expect(
      (await problem(await live.service.client.get("/v1/statistics?from=2026-05&to=2026-04", coordinator)))
        .paths,
    ).toContain("to");
  });
});
