// Growth: the call-back queue read (GET /v1/callbacks, first page) and notifications' reminder
// claim (reminder-claim.ts) with 1k, 100k and 1M rows present, p99 at each size. The open queue stays the same size (as a real backlog does); what
// grows is history — closed tasks, other teams and other organisations — which indexes must skip.

import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { openDatabase } from "@relais/db";
import { createSealedBox } from "@relais/service-kit";
import { mintToken, startNats } from "@relais/testing";
import {
  type Bench,
  type Figure,
  measured,
  notMeasured,
  percentile,
  skippedInQuick,
} from "../lib/figures.js";
import { type LoadResult, runLoad } from "../lib/load.js";
import { type ColumnExpressions, seedRows } from "../lib/seed.js";
import { migrationsOf, startService } from "../lib/services.js";
import { measureReminderClaim } from "./reminder-claim.js";

const OPEN_TASKS = 1_000;
const TEAMS = 10;
const ORG = "org-bench";
/** Measured claims per size (after a warm-up): a tick costs a few ms, so 300 is cheap and steadies p99. */
const CLAIM_TICKS = 300;
const CLAIM_TICKS_QUICK = 150;

export const growthBench: Bench = {
  name: "growth",
  async run(context) {
    const sizes = context.quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000];
    const seconds = context.quick ? 1 : 5;
    const dir = await mkdtemp(join(tmpdir(), "relais-bench-growth-"));
    const nats = await startNats();
    try {
      const token = await mintToken({
        role: "caseworker",
        org: ORG,
        claims: { teams: ["team-0"] },
        expiresIn: "2h",
      });
      // The persons' contact fields are sealed with the service's own key, as intake seals them:
      // the queue opens them to say whether each person's safe window is open.
      const dataKey = randomBytes(32).toString("base64");
      const sealedContact = createSealedBox(dataKey).seal(
        JSON.stringify({
          contact: { phone: "+32470000000" },
          preferences: {
            channels: ["phone"],
            safeWindows: [],
            voicemailAllowed: false,
            discreet: true,
            doNotContact: false,
          },
        }),
      );
      const options = { root: context.root, natsUrl: nats.url, dir, env: { DATA_KEY: dataKey } };
      // The service's own migrations, applied here as its start would, so the tables exist to be
      // seeded (a start and stop just for that costs seconds --quick does not have).
      const databasePath = join(dir, "referrals.db");
      (
        await openDatabase({
          url: `file:${databasePath}`,
          schema: {},
          migrationsFolder: migrationsOf("referrals", context.root),
        })
      ).close();

      const reads: Array<{
        size: number;
        seedSeconds: number;
        load: LoadResult;
        firstPageItems: number;
        answerP95Ms: number;
      }> = [];
      let seeded = 0;
      for (const size of sizes) {
        const began = performance.now();
        await seedCallbacks(databasePath, seeded, size, sealedContact);
        seeded = size;
        const seedSeconds = (performance.now() - began) / 1000;
        context.log(`growth: ${size.toLocaleString("en-GB")} tasks seeded in ${seedSeconds.toFixed(1)} s`);
        const service = await startService("referrals", options);
        try {
          const url = `${service.url}/v1/callbacks?limit=20`;
          const headers = { authorization: `Bearer ${token}` };
          const first = await fetch(url, { headers });
          if (first.status !== 200)
            throw new Error(`GET /v1/callbacks answered ${first.status}: ${await first.text()}`);
          const body = (await first.json()) as { items?: unknown[] };
          await runLoad({ url, connections: 10, durationSeconds: 1, headers });
          const load = await runLoad({ url, connections: 10, durationSeconds: seconds, headers });
          // What a call-back worker waits for: one request at a time, the answer's p95.
          const answers = await sequentialLatencies(url, headers, context.quick ? 50 : 200);
          const answerP95Ms = percentile(answers, 95);
          context.log(
            `  p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.requestsPerSecond.toFixed(0)} req/s; one at a time p95 ${answerP95Ms.toFixed(1)} ms`,
          );
          reads.push({ size, seedSeconds, load, firstPageItems: body.items?.length ?? 0, answerP95Ms });
        } finally {
          await service.stop();
        }
      }

      const smallest = reads[0]!;
      const figures: Figure[] = reads.map((read) => {
        const figure = measured({
          key: `growth.callbacks.p99.${read.size}`,
          label: `GET /v1/callbacks p99, ${read.size.toLocaleString("en-GB")} tasks`,
          unit: "ms",
          value: read.load.p99Ms,
          baseline: { label: "p99 at 1,000 tasks", value: smallest.load.p99Ms },
          ...(read.size === sizes[sizes.length - 1] && read.size > smallest.size
            ? { goal: "ratio ≤ 2" }
            : {}),
        });
        if (figure.goal) figure.met = (figure.ratio ?? Number.POSITIVE_INFINITY) <= 2;
        return figure;
      });
      if (context.quick) {
        figures.push(
          skippedInQuick("growth.callbacks.p99.1000000", "GET /v1/callbacks p99, 1,000,000", "ms"),
        );
      }
      // The figure for the console's queue: its API answer p95 with 1M tasks in history.
      const largest = reads[reads.length - 1]!;
      if (largest.size === 1_000_000) {
        const figure = measured({
          key: "growth.callbacks.answerP95.1000000",
          label: "call-back queue answer p95, 1M tasks (one at a time)",
          unit: "ms",
          value: largest.answerP95Ms,
          baseline: { label: "p95 at 1,000 tasks", value: smallest.answerP95Ms },
          goal: "≤ 50 ms",
        });
        figure.met = figure.value !== null && figure.value <= 50;
        figures.push(figure);
      } else {
        figures.push(
          skippedInQuick("growth.callbacks.answerP95.1000000", "call-back queue answer p95, 1M tasks", "ms"),
        );
      }
      context.log("growth: notifications' reminder claim");
      const claim = await measureReminderClaim(
        sizes,
        context.quick ? CLAIM_TICKS_QUICK : CLAIM_TICKS,
        context.log,
      );
      if ("notMeasured" in claim) {
        figures.push(
          notMeasured(
            "growth.reminderClaim.p99",
            "reminder claim p99 by size",
            "ms",
            claim.notMeasured,
            "1M within 2× of 1k",
          ),
        );
      } else {
        const first = claim.results[0]!;
        for (const result of claim.results) {
          const figure = measured({
            key: `growth.reminderClaim.p99.${result.size}`,
            label: `reminder claim p99, ${result.size.toLocaleString("en-GB")} reminders`,
            unit: "ms",
            value: result.p99Ms,
            baseline: { label: "p99 at 1,000 reminders", value: first.p99Ms },
            ...(result === claim.results[claim.results.length - 1] && result.size > first.size
              ? { goal: "ratio ≤ 2" }
              : {}),
          });
          if (figure.goal) figure.met = (figure.ratio ?? Number.POSITIVE_INFINITY) <= 2;
          figures.push(figure);
        }
        if (context.quick) {
          figures.push(
            skippedInQuick("growth.reminderClaim.p99.1000000", "reminder claim p99, 1,000,000", "ms"),
          );
        }
      }
      return {
        name: "growth",
        figures,
        details: {
          openTasks: OPEN_TASKS,
          callerSees: `caseworker of team-0 in ${ORG}: ${OPEN_TASKS / TEAMS} open tasks at every size`,
          reads: reads.map((read) => ({ ...read, load: { ...read.load } })),
          reminderClaim:
            "notMeasured" in claim
              ? claim
              : {
                  how: `${claim.source}, timed in the bench process on a seeded copy of the service's libSQL file; sizes interleaved tick by tick; each tick claims a batch among the other rows and materialises it in one write transaction`,
                  results: claim.results,
                },
        },
      };
    } finally {
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Tasks [from, to): the first OPEN_TASKS are the open queue of ORG, the rest closed history. */
async function seedCallbacks(path: string, from: number, to: number, sealedContact: string): Promise<void> {
  const client = createClient({ url: `file:${path}` });
  try {
    const id = (prefix: string) => `printf('${prefix}-%08d', i)`;
    const open = `i < ${OPEN_TASKS}`;
    // Closed history spreads over four organisations, one of them the caller's.
    const org = `CASE WHEN ${open} OR i % 4 = 0 THEN '${ORG}' ELSE 'org-other-' || (i % 4) END`;
    const minutes = (offset: string) =>
      `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (${offset}) || ' minutes')`;
    const referral: ColumnExpressions = {
      id: id("ref"),
      org_id: org,
      police_zone: "'5277'",
      zone_id: "'zone-5277'",
      incident_reference: id("LI"),
      incident_at: minutes("i % 500000"),
      kind: "'partner'",
      risk_level: "CASE i % 3 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low' END",
      children_present: "i % 2",
      municipality: "'Seraing'",
      status: `CASE WHEN ${open} THEN 'contacting' ELSE 'closed' END`,
      filed_by: "'zone-5277'",
      created_at: minutes("i % 500000"),
      updated_at: minutes("i % 500000"),
    };
    const person: ColumnExpressions = {
      person_ref: id("prs_bench"),
      referral_id: id("ref"),
      role: "CASE i % 2 WHEN 0 THEN 'victim' ELSE 'author' END",
      consent: "1",
      language: "'fr'",
      time_zone: "'Europe/Brussels'",
      contact: `'${sealedContact}'`,
    };
    const task: ColumnExpressions = {
      id: id("task"),
      org_id: org,
      referral_id: id("ref"),
      person_ref: id("prs_bench"),
      role: "CASE i % 2 WHEN 0 THEN 'victim' ELSE 'author' END",
      team: `'team-' || (i % ${TEAMS})`,
      routed: "1",
      risk_level: "CASE i % 3 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low' END",
      risk_rank: "i % 3",
      status: `CASE WHEN ${open} THEN 'open' ELSE 'closed' END`,
      created_at: minutes("i % 500000"),
      // Half the open queue is due already, half later; all of it was announced, so the
      // service's scheduler has nothing to do while the read is measured.
      due_at: `CASE WHEN ${open} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', (CASE i % 2 WHEN 0 THEN '-' ELSE '+' END) || (i % 600) || ' minutes') ELSE ${minutes("i % 500000")} END`,
      sla_deadline: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+3 days')",
      attempts: "0",
      due_notified_at: minutes("0"),
      overdue_notified_at: minutes("0"),
      // Announced again just now, so the task-refresh job has nothing to publish either.
      announced_at: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
      closed_at: `CASE WHEN ${open} THEN NULL ELSE ${minutes("i % 500000 + 60")} END`,
    };
    const tx = await client.transaction("write");
    try {
      await seedRows(tx, "referrals", referral, from, to);
      await seedRows(tx, "persons", person, from, to);
      await seedRows(tx, "callback_tasks", task, from, to);
      await tx.commit();
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

/** Wall-clock milliseconds of `count` GETs sent one after another (after five unmeasured). */
async function sequentialLatencies(url: string, headers: Record<string, string>, count: number) {
  const samples: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const began = performance.now();
    const answer = await fetch(url, { headers });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`GET /v1/callbacks answered ${answer.status}`);
    if (i >= 5) samples.push(performance.now() - began);
  }
  return samples;
}
