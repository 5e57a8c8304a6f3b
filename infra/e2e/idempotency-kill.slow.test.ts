// groups SIGKILLed while it answers creating POSTs, again and again: every Idempotency-Key ends
// with exactly one effect and the first answer — no second group under a retried key, and a
// retried enrolment learns its enrolment's id. Real processes: groups is started from its
// main.ts, killed with SIGKILL 5–120 ms after the first answer of a round, restarted on the same
// database, and each key is sent again. Slow: runs in `pnpm test:e2e` only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NatsProcess, type ServiceProcess, startNats } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "./http.js";
import { startService } from "./stack.js";

const ROUNDS = 5;
const CREATES = 16;
const ENROLMENTS = 16;

interface Attempt {
  kind: "group" | "enrolment";
  key: string;
  path: string;
  body: unknown;
  /** The name or person the effect is found by afterwards. */
  mark: string;
  first?: { status: number; body: string };
}

interface Sent {
  status: number;
  body: string;
  replayed: boolean;
}

function groupBody(name: string) {
  return {
    kind: "victim_peer",
    publicName: name,
    language: "fr",
    municipality: "Seraing",
    location: { kind: "venue", address: "Rue du Charbonnage 1, 4100 Seraing" },
    capacity: 100,
    admission: "rolling",
    facilitators: [{ sub: "e2e-facilitator" }],
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2027-03-02T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
      durationMinutes: 120,
    },
  };
}

describe("groups SIGKILLed mid-request", () => {
  let nats: NatsProcess;
  let groups: ServiceProcess;
  let url: string;
  let token: string;
  let dataDir: string;

  beforeAll(async () => {
    nats = await startNats();
    dataDir = mkdtempSync(join(tmpdir(), "relais-idem-kill-"));
    ({ process: groups, url } = await startService("groups", {
      natsUrl: nats.url,
      databasePath: join(dataDir, "groups.db"),
      env: { LOG_LEVEL: "error" },
    }));
    token = await tokenFor("facilitator");
  }, 120_000);
  afterAll(async () => {
    await groups?.stop();
    await nats?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function send(attempt: Attempt, timeoutMs = 30_000): Promise<Sent> {
    const response = await fetch(`${url}${attempt.path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": attempt.key,
        connection: "close",
      },
      body: JSON.stringify(attempt.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: response.status,
      body: await response.text(),
      replayed: response.headers.get("idempotent-replayed") === "true",
    };
  }

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, `GET ${path}`).toBe(200);
    return (await response.json()) as T;
  }

  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await get(
        `${path}?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it("ends every retried key with one effect and its first answer", async () => {
    // Groups to enrol into, made before the kills.
    const homes: string[] = [];
    for (let g = 0; g < 2; g++) {
      const made = await send({
        kind: "group",
        key: `home-${g}`,
        path: "/v1/groups",
        body: groupBody(`Accueil ${g}`),
        mark: "",
      });
      expect(made.status, made.body).toBe(201);
      homes.push((JSON.parse(made.body) as { id: string }).id);
    }

    const attempts: Attempt[] = [];
    const rounds: Array<{
      answeredBeforeKill: number;
      unanswered: number;
      delayMs: number;
      replayedAfterKill: number;
    }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch: Attempt[] = [
        ...Array.from({ length: CREATES }, (_, i): Attempt => {
          const name = `Groupe ${round}-${i}`;
          return {
            kind: "group",
            key: `create-${round}-${i}`,
            path: "/v1/groups",
            body: groupBody(name),
            mark: name,
          };
        }),
        ...Array.from({ length: ENROLMENTS }, (_, i): Attempt => {
          const personRef = `prs_kill-${round}-${String(i).padStart(3, "0")}`;
          return {
            kind: "enrolment",
            key: `enrol-${round}-${i}`,
            path: `/v1/groups/${homes[i % homes.length]}/enrolments`,
            body: { personRef, displayName: `Personne ${round}-${i}` },
            mark: personRef,
          };
        }),
      ];
      attempts.push(...batch);
      const delayMs = 5 + Math.floor(Math.random() * 116);
      let killed: Promise<unknown> | undefined;
      let answeredBeforeKill = 0;
      let dead = false;
      await Promise.allSettled(
        batch.map(async (attempt) => {
          const answer = await send(attempt);
          if (dead) return;
          attempt.first = { status: answer.status, body: answer.body };
          answeredBeforeKill++;
          killed ??= new Promise((r) => setTimeout(r, delayMs)).then(() => {
            dead = true;
            return groups.kill("SIGKILL");
          });
        }),
      );
      // Every request of the round has settled (answered or cut off); the kill came after the first answer.
      expect(killed, `round ${round}: no request was answered before the kill`).toBeDefined();
      await killed;
      await groups.restart();

      let replayedAfterKill = 0;
      const unanswered = batch.filter((a) => !a.first);
      for (const attempt of unanswered) {
        const answer = await send(attempt);
        expect(answer.status, `${attempt.key} after restart: ${answer.body}`).toBe(201);
        if (answer.replayed) replayedAfterKill++;
        attempt.first = { status: answer.status, body: answer.body };
      }
      rounds.push({ answeredBeforeKill, unanswered: unanswered.length, delayMs, replayedAfterKill });
    }

    // Every key, sent once more, replays exactly its first answer.
    for (const attempt of attempts) {
      expect(attempt.first?.status, attempt.key).toBe(201);
      const again = await send(attempt);
      expect([again.status, again.replayed], attempt.key).toEqual([201, true]);
      expect(again.body, attempt.key).toBe(attempt.first!.body);
    }

    // Exactly one effect per key, and it is the one the first answer names.
    const groupsMade = await all<{ id: string; publicName: string }>("/v1/groups");
    const enrolled = (
      await Promise.all(
        homes.map((id) => all<{ id: string; personRef: string }>(`/v1/groups/${id}/enrolments`)),
      )
    ).flat();
    const marked: Record<Attempt["kind"], Array<{ id: string; mark: string }>> = {
      group: groupsMade.map((g) => ({ id: g.id, mark: g.publicName })),
      enrolment: enrolled.map((e) => ({ id: e.id, mark: e.personRef })),
    };
    for (const attempt of attempts) {
      const effects = marked[attempt.kind].filter((effect) => effect.mark === attempt.mark);
      expect(
        effects.map((effect) => effect.id),
        attempt.mark,
      ).toEqual([(JSON.parse(attempt.first!.body) as { id: string }).id]);
    }
    expect(groupsMade).toHaveLength(homes.length + ROUNDS * CREATES);
    expect(enrolled).toHaveLength(ROUNDS * ENROLMENTS);

    const cutOff = rounds.reduce((n, r) => n + r.unanswered, 0);
    // The kills did cut requests off: otherwise this test proved nothing.
    expect(cutOff).toBeGreaterThan(0);
    console.info(
      "[idempotency-kill]",
      JSON.stringify({
        keys: attempts.length,
        rounds,
        cutOff,
        committedBeforeKillThenReplayed: rounds.reduce((n, r) => n + r.replayedAfterKill, 0),
        groups: groupsMade.length,
        enrolments: enrolled.length,
      }),
    );
  }, 280_000);
});
