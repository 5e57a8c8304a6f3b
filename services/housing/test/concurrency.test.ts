// Two requests never get the same place, nor a household a place too small for it: parallel
// requests against the real service process on its real libSQL file.

import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateRecipientKeyPair, recipientPublicKey } from "@relais/service-kit";
import {
  freePort,
  mintToken,
  type NatsProcess,
  type ServiceProcess,
  spawnService,
  startNats,
  TEST_JWT_SECRET,
} from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeInput, requestInput } from "./client.js";

const root = resolve(import.meta.dirname, "../../..");
const ORG = "org-liege";

describe("allocation under concurrency, on the real service", () => {
  let nats: NatsProcess;
  let service: ServiceProcess;
  let url = "";
  let dir = "";
  beforeAll(async () => {
    nats = await startNats();
    dir = mkdtempSync(join(tmpdir(), "relais-housing-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = await spawnService({
      name: "housing",
      command: [process.execPath, "--import", "tsx", join(root, "services/housing/src/main.ts")],
      cwd: root,
      readyUrl: `${url}/readyz`,
      timeoutMs: 60_000,
      keepLines: 10_000,
      env: {
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, "housing.db")}`,
        NATS_URL: nats.url,
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_KEY: randomBytes(32).toString("base64"),
        NOTIFICATIONS_SEAL_PUBLIC_KEY: recipientPublicKey(generateRecipientKeyPair().privateKey),
        LOG_LEVEL: "debug",
      },
    });
  }, 90_000);
  afterAll(async () => {
    await service?.stop();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function post(path: string, body: unknown, role: "housing_staff" | "coordinator") {
    const token = await mintToken({ role, org: ORG, sub: `${role}-1` });
    const answer = await fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": `k-${Math.random()}`,
      },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as { id: string; status: string } };
  }

  it("gives each of three places to one household only, however many ask at once", async () => {
    const address = (i: number) => `Quai Discret ${i}, 4000 Liège`;
    for (const [i, capacity] of [2, 3, 5].entries())
      expect(
        (
          await post(
            "/v1/places",
            placeInput({
              capacity,
              label: `P${i}`,
              address: address(i),
              windows: [{ startsOn: "2026-01-01", endsOn: "2030-01-01" }],
            }),
            "housing_staff",
          )
        ).status,
      ).toBe(201);
    // Twelve high-risk requests at once, households of 1 to 6: at most three can be placed.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          "/v1/placements",
          requestInput({
            personRef: `prs_parallel${String(i).padStart(4, "0")}`,
            householdSize: (i % 6) + 1,
            riskLevel: "high",
          }),
          "coordinator",
        ),
      ),
    );
    expect(answers.map((a) => a.status).every((s) => s === 201)).toBe(true);
    const confirmed = answers.filter((a) => a.body.status === "confirmed");
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThanOrEqual(3);

    const token = await mintToken({ role: "housing_staff", org: ORG });
    const list = (await (
      await fetch(`${url}/v1/placements?status=confirmed`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ householdSize: number; place: { id: string } | null }>;
    };
    const places = (await (
      await fetch(`${url}/v1/places`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ id: string; capacity: number }>;
    };
    const capacity = new Map(places.items.map((p) => [p.id, p.capacity]));
    const given = list.items.map((p) => p.place?.id);
    // No place twice, and no household in a place too small for it.
    expect(new Set(given).size).toBe(given.length);
    for (const p of list.items)
      expect(p.householdSize).toBeLessThanOrEqual(capacity.get(p.place?.id as string) as number);

    // Housing staff confirming the waiting requests at once on one freed place: one wins.
    const waiting = answers.filter((a) => a.body.status === "waiting").slice(0, 4);
    const free = (
      await post(
        "/v1/places",
        placeInput({
          capacity: 6,
          label: "Grand",
          address: address(9),
          windows: [{ startsOn: "2026-01-01", endsOn: "2030-01-01" }],
        }),
        "housing_staff",
      )
    ).body.id;
    const races = await Promise.all(
      waiting.map((w) => post(`/v1/placements/${w.body.id}/confirm`, { placeId: free }, "housing_staff")),
    );
    expect(races.filter((r) => r.status === 200)).toHaveLength(1);
    expect(
      races.filter((r) => r.status === 409).map((r) => (r.body as unknown as { code: string }).code),
    ).toEqual(Array(waiting.length - 1).fill("place_taken"));
    // The service logged at debug level all along, and never an address.
    expect(service.output(10_000)).not.toContain("Discret");
    for (const suffix of ["", "-wal"]) {
      try {
        expect(readFileSync(join(dir, `housing.db${suffix}`)).includes(Buffer.from("Discret"))).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  });
});
