// Cross-service latency at a steady 50/s, on the three services as real processes on one
// nats-server, with the SMTP sink in its own process:
// (a) call-back outcome `accepted` with a group request (referrals) → the person enrolled by
//     groups' placement. Timed from the outcome's 2xx to the arrival of the
//     `groups.enrolment.*` event naming the person on a plain (core) NATS subscription to
//     `groups.enrolment.>`: the event leaves groups' outbox only after the enrolment committed, so
//     this is an upper bound on "groups shows the person". Checked afterwards with
//     GET /v1/placements?status=placed.
// (b) enrolment by a facilitator (POST /v1/groups/{id}/enrolments, direct participant with an
//     e-mail address) → its invite accepted by the SMTP sink. Timed from the enrolment's 2xx to
//     the sink holding the whole message (wall clock of both processes, ms); the enrolment
//     events on NATS split that into groups' part and notifications' part.
// Everything before the outcome (filing, claiming, the `reached` attempt) is prepared
// beforehand, and the staff alerts it causes are let through first, so only the measured step
// is in the timed window. The first second of each run is a warm-up and is not counted.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { mintToken, startNats } from "@relais/testing";
import { connect, type NatsConnection } from "nats";
import {
  type Bench,
  type BenchContext,
  type Figure,
  measured,
  notMeasured,
  percentile,
} from "../lib/figures.js";
import { steady } from "../lib/load.js";
import { type RunningService, startService } from "../lib/services.js";
import { type SinkProcess, startSinkProcess } from "../lib/sink-client.js";

const RATE = 50;
const ORG = "org-bench";
const MUNICIPALITY = "Seraing";
/** Groups for (b) are elsewhere, so (a)'s placements never fill them. */
const ENROLMENT_MUNICIPALITY = "Namur";
const CAPACITY = 100;

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

async function call(
  url: string,
  method: string,
  token: string,
  body?: unknown,
  key?: string,
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers["idempotency-key"] = key;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: kept as text for the error message.
  }
  return { status: response.status, text, json };
}

function expect(answer: Answer, status: number | number[], what: string): void {
  if (!(Array.isArray(status) ? status : [status]).includes(answer.status))
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
}

/** Runs `work` for 0..count-1 with `concurrency` workers. */
async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the sink has taken nothing new for `quietMs` (at most `timeoutMs`). */
async function quiesce(sink: SinkProcess, quietMs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const { count } = await sink.stats();
    if (count !== last) {
      last = count;
      since = Date.now();
    } else if (Date.now() - since >= quietMs || Date.now() > deadline) return count;
    await sleep(100);
  }
}

function groupBody(tag: string, municipality: string, facilitator: string) {
  return {
    kind: "victim_peer",
    publicName: `Groupe de parole ${tag}`,
    language: "fr",
    municipality,
    location: { kind: "venue", address: `Rue du Banc ${tag}, ${municipality}` },
    capacity: CAPACITY,
    admission: "rolling",
    facilitators: [{ sub: facilitator, email: `${facilitator}@staff.bench.test` }],
    // Months ahead: no reminder falls due while the bench runs.
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2027-03-02T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
      durationMinutes: 120,
    },
  };
}

/** The requests a run sent: when each was answered, how long its answer took, how many went late. */
interface Sends {
  count: number;
  warmUp: number;
  late: number;
  answeredAt: number[];
  answerMs: number[];
}

/**
 * How long after its 2xx each request past the warm-up was seen at the far end; `seenAt(index)`
 * is undefined for one that never arrived (counted as missing).
 */
function summary(
  { count, warmUp, late, answeredAt, answerMs }: Sends,
  seenAt: (index: number) => number | undefined,
) {
  const samples: number[] = [];
  // Per measured send, in send order (null: never arrived), for the timeline.
  const bySend: Array<number | null> = [];
  for (let index = warmUp; index < count; index++) {
    const at = seenAt(index);
    if (at !== undefined) samples.push(at - answeredAt[index]!);
    bySend.push(at === undefined ? null : at - answeredAt[index]!);
  }
  return {
    count: samples.length,
    missing: bySend.length - samples.length,
    warmUpExcluded: warmUp,
    sendsLateByOver5ms: late,
    p50Ms: percentile(samples, 50),
    p90Ms: percentile(samples, 90),
    p99Ms: percentile(samples, 99),
    maxMs: samples.length ? Math.max(...samples) : Number.NaN,
    minMs: samples.length ? Math.min(...samples) : Number.NaN,
    answerP50Ms: percentile(answerMs.slice(warmUp), 50),
    answerP99Ms: percentile(answerMs.slice(warmUp), 99),
    timeline: timeline(bySend),
  };
}

/** Each second of sending: how many, median and worst latency, so a stall shows when it struck. */
function timeline(bySend: Array<number | null>) {
  const seconds: Array<{ second: number; sent: number; p50Ms: number; maxMs: number; missing: number }> = [];
  for (let from = 0; from < bySend.length; from += RATE) {
    const slice = bySend.slice(from, from + RATE);
    const arrived = slice.filter((ms): ms is number => ms !== null);
    seconds.push({
      second: from / RATE,
      sent: slice.length,
      p50Ms: Math.round(percentile(arrived, 50)),
      maxMs: Math.round(arrived.length ? Math.max(...arrived) : Number.NaN),
      missing: slice.length - arrived.length,
    });
  }
  return seconds;
}

export const crossServiceBench: Bench = {
  name: "cross-service",
  async run(context) {
    const seconds = context.quick ? 1 : 10;
    // The first second (half in --quick) warms the JIT of every process on the path.
    const warmUp = context.quick ? RATE / 2 : RATE;
    const count = warmUp + RATE * seconds;
    const dir = await mkdtemp(join(tmpdir(), "relais-bench-cross-"));
    const nats = await startNats();
    const sink = await startSinkProcess(context.root);
    const services: RunningService[] = [];
    try {
      const options = { root: context.root, natsUrl: nats.url, dir };
      // Started together: start-up is not measured, and --quick has a minute for everything.
      const started = await Promise.allSettled([
        startService("referrals", options),
        startService("groups", options),
        startService("notifications", {
          ...options,
          env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POOL_SIZE: "5" },
        }),
      ]);
      for (const one of started) if (one.status === "fulfilled") services.push(one.value);
      const failed = started.find((one) => one.status === "rejected");
      if (failed) throw failed.reason;
      const [referrals, groups] = services as [RunningService, RunningService, RunningService];

      const loadBefore = loadavg();
      const run: Run = { context, groupsUrl: groups.url, natsUrl: nats.url, sink, count, warmUp };
      const a = await outcomeToPlacement(run, referrals.url);
      const b = await enrolmentToInvite(run);

      const figures: Figure[] = [];
      const add = (
        key: string,
        label: string,
        result: Awaited<ReturnType<typeof outcomeToPlacement>>,
        goalMs: number,
      ) => {
        if ("notMeasured" in result) {
          figures.push(
            notMeasured(`${key}.p50`, `${label} p50`, "ms", result.notMeasured),
            notMeasured(`${key}.p99`, `${label} p99`, "ms", result.notMeasured, `≤ ${goalMs} ms`),
          );
          return;
        }
        const s = result.summary;
        const problems = [
          ...(s.missing > 0 ? [`${s.missing} of ${s.count + s.missing} never arrived`] : []),
          ...result.problems,
        ];
        const note = problems.length > 0 ? problems.join("; ") : undefined;
        figures.push(measured({ key: `${key}.p50`, label: `${label} p50`, unit: "ms", value: s.p50Ms }), {
          ...measured({
            key: `${key}.p99`,
            label: `${label} p99`,
            unit: "ms",
            value: s.p99Ms,
            goal: `≤ ${goalMs} ms`,
          }),
          met: s.p99Ms <= goalMs && problems.length === 0,
          ...(note ? { note } : {}),
        });
      };
      add("cross.outcomeToPlacement", "outcome → enrolled by placement", a, 100);
      add("cross.enrolmentToInvite", "enrolment → invite at sink", b, 250);
      return {
        name: "cross-service",
        figures,
        details: {
          ratePerSecond: RATE,
          seconds,
          warmUp,
          // Other work on the machine shows up as stalls in the timelines: say how busy it was.
          loadAverage: { before: loadBefore, after: loadavg() },
          outcomeToPlacement: a,
          enrolmentToInvite: b,
        },
      };
    } finally {
      await Promise.all(services.map((service) => service.stop()));
      await sink.close();
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Extra fields (the checks made afterwards) go into the JSON as they are. */
/** `problems`: what the checks afterwards found wrong (a goal is not met while any is there). */
type Measured = { how: string; summary: ReturnType<typeof summary>; problems: string[] };

/** What both measurements need: the stack they drive and how many requests, the first `warmUp` not counted. */
interface Run {
  context: BenchContext;
  groupsUrl: string;
  natsUrl: string;
  sink: SinkProcess;
  count: number;
  warmUp: number;
}

/** (a): outcome `accepted` with a peer-group request → `groups.enrolment.*` naming the person. */
async function outcomeToPlacement(
  { context, groupsUrl, natsUrl, sink, count, warmUp }: Run,
  referralsUrl: string,
): Promise<Measured | { notMeasured: string }> {
  const police = await mintToken({ role: "police", org: ORG, sub: "zone-5277", expiresIn: "2h" });
  const coordinator = await mintToken({
    role: "coordinator",
    org: ORG,
    sub: "bench-coordinator",
    expiresIn: "2h",
  });
  const facilitator = await mintToken({
    role: "facilitator",
    org: ORG,
    sub: "bench-facilitator",
    expiresIn: "2h",
  });
  context.log(`cross-service (a): preparing ${count} reached call-backs and peer groups for them`);
  const prepared = performance.now();
  expect(
    await call(`${referralsUrl}/v1/routes/${MUNICIPALITY}`, "PUT", coordinator, {
      victim: { team: "seraing-victims", teamEmail: "seraing-victims@teams.bench.test" },
      author: { team: "seraing-authors", teamEmail: "seraing-authors@teams.bench.test" },
    }),
    [200, 201],
    "PUT route",
  );
  for (let g = 0; g < Math.ceil(count / CAPACITY) + 1; g++) {
    expect(
      await call(
        `${groupsUrl}/v1/groups`,
        "POST",
        facilitator,
        groupBody(`A${g}`, MUNICIPALITY, "bench-facilitator"),
        randomUUID(),
      ),
      201,
      "POST group",
    );
  }
  const tasks: Array<{ taskId: string; personRef: string }> = [];
  await pool(count, 12, async (index) => {
    const n = String(index).padStart(5, "0");
    const filed = await call(
      `${referralsUrl}/v1/referrals`,
      "POST",
      police,
      {
        policeZone: "5277 Seraing/Neupré",
        incidentReference: `LI.55.L1.${n}/26`,
        incidentAt: "2026-11-20T22:10:00+01:00",
        kind: "partner",
        riskLevel: "high",
        childrenPresent: false,
        municipality: MUNICIPALITY,
        persons: [
          {
            role: "victim",
            consent: true,
            language: "fr",
            contact: { phone: `+3247${n}11`, email: `victim-${n}@bench.test` },
            preferences: {
              channels: ["phone", "email"],
              safeWindows: [],
              voicemailAllowed: false,
              discreet: true,
              doNotContact: false,
            },
          },
        ],
      },
      randomUUID(),
    );
    expect(filed, 201, "file referral");
    const { id } = filed.json as { id: string };
    const detail = await call(`${referralsUrl}/v1/referrals/${id}`, "GET", coordinator);
    expect(detail, 200, "read referral");
    const person = (detail.json as { persons: Array<{ personRef: string; task: { id: string } | null }> })
      .persons[0];
    if (!person?.task) throw new Error(`referral ${id}: no call-back task for the victim`);
    const task = `${referralsUrl}/v1/callbacks/${person.task.id}`;
    expect(await call(`${task}/claim`, "POST", coordinator), 200, "claim");
    expect(
      await call(
        `${task}/attempts`,
        "POST",
        coordinator,
        { outcome: "reached", channel: "phone" },
        randomUUID(),
      ),
      201,
      "attempt",
    );
    tasks[index] = { taskId: person.task.id, personRef: person.personRef };
  });
  // Filing made every task due at once: let their staff alerts go out before timing anything.
  const alerts = await quiesce(sink, 1_000, 60_000);
  context.log(
    `  prepared in ${((performance.now() - prepared) / 1000).toFixed(1)} s (${alerts} staff alerts let through first)`,
  );

  const connection = await connect({ servers: natsUrl });
  const { firstSeen: arrivedAt, subscription } = watchEnrolmentEvents(connection, () => performance.now());
  try {
    await connection.flush();
    context.log(`cross-service (a): ${count} outcomes at ${RATE}/s`);
    const answeredAt: number[] = [];
    const answerMs: number[] = [];
    const failures: string[] = [];
    const late = await steady(count, RATE, async (index) => {
      const { taskId } = tasks[index]!;
      const sent = performance.now();
      const answer = await call(
        `${referralsUrl}/v1/callbacks/${taskId}/outcome`,
        "POST",
        coordinator,
        { outcome: "accepted", group: { kind: "victim_peer" } },
        randomUUID(),
      );
      answeredAt[index] = performance.now();
      answerMs[index] = answeredAt[index]! - sent;
      if (answer.status !== 201) failures.push(`HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    });
    if (failures.length > 0) return { notMeasured: `${failures.length} outcomes refused: ${failures[0]}` };
    const deadline = Date.now() + 15_000;
    while (arrivedAt.size < count && Date.now() < deadline) await sleep(50);

    const placed = await countPlaced(groupsUrl, coordinator, new Set(tasks.map((task) => task.personRef)));
    const subjects: Record<string, number> = {};
    for (const { subject } of arrivedAt.values()) subjects[subject] = (subjects[subject] ?? 0) + 1;
    const result = {
      how: "outcome 2xx → groups.enrolment.* event (naming the person) on a core NATS subscription to groups.enrolment.> in the bench process; performance.now() on both ends",
      summary: summary(
        { count, warmUp, late, answeredAt, answerMs },
        (index) => arrivedAt.get(tasks[index]!.personRef)?.at,
      ),
      eventSubjects: subjects,
      placedInGroupsPlacements: { placed, of: count },
      problems: placed < count ? [`GET /v1/placements lists ${placed} of ${count} placed`] : [],
    };
    context.log(
      `  p50 ${result.summary.p50Ms.toFixed(1)} ms, p99 ${result.summary.p99Ms.toFixed(1)} ms, missing ${result.summary.missing}; GET /v1/placements shows ${placed}/${count} placed`,
    );
    return result;
  } finally {
    subscription.unsubscribe();
    await connection.close();
  }
}

/**
 * The first `groups.enrolment.*` event that names each person, with the time `now()` read when it
 * arrived and its subject. A core subscription: the bench watches the events, it takes none.
 */
function watchEnrolmentEvents(connection: NatsConnection, now: () => number) {
  const firstSeen = new Map<string, { at: number; subject: string }>();
  const subscription = connection.subscribe("groups.enrolment.>", {
    callback: (error, message) => {
      if (error) return;
      const at = now();
      try {
        const event = JSON.parse(new TextDecoder().decode(message.data)) as { data?: { personRef?: string } };
        const ref = event.data?.personRef;
        if (ref && !firstSeen.has(ref)) firstSeen.set(ref, { at, subject: message.subject });
      } catch {
        // Not an event of ours.
      }
    },
  });
  return { firstSeen, subscription };
}

/** How many of `refs` GET /v1/placements?status=placed lists. */
async function countPlaced(groupsUrl: string, token: string, refs: Set<string>): Promise<number> {
  let found = 0;
  let cursor: string | null = null;
  do {
    const page = await call(
      `${groupsUrl}/v1/placements?status=placed&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      "GET",
      token,
    );
    expect(page, 200, "GET /v1/placements");
    const body = page.json as { items: Array<{ personRef: string }>; nextCursor: string | null };
    found += body.items.filter((item) => refs.has(item.personRef)).length;
    cursor = body.nextCursor;
  } while (cursor);
  return found;
}

/** (b): facilitator enrols a direct participant with an e-mail → the invite at the sink. */
async function enrolmentToInvite({
  context,
  groupsUrl,
  natsUrl,
  sink,
  count,
  warmUp,
}: Run): Promise<Measured | { notMeasured: string }> {
  const facilitator = await mintToken({
    role: "facilitator",
    org: ORG,
    sub: "bench-facilitator-b",
    expiresIn: "2h",
  });
  const groupIds: string[] = [];
  for (let g = 0; g < Math.ceil(count / CAPACITY); g++) {
    const created = await call(
      `${groupsUrl}/v1/groups`,
      "POST",
      facilitator,
      groupBody(`B${g}`, ENROLMENT_MUNICIPALITY, "bench-facilitator-b"),
      randomUUID(),
    );
    expect(created, 201, "POST group");
    groupIds.push((created.json as { id: string }).id);
  }
  // Whatever (a) set going (its invites) must be through before the sink is read for (b).
  const before = await quiesce(sink, 1_000, 60_000);
  await sink.clear();
  context.log(
    `cross-service (b): ${count} enrolments at ${RATE}/s (${before} earlier messages let through first)`,
  );
  const answeredAt: number[] = [];
  const answerMs: number[] = [];
  const failures: string[] = [];
  const address = (index: number) => `enrolled-${index}@bench.test`;
  // Where the time goes: the same events watched on NATS split the path into groups (2xx →
  // its enrolment event published) and notifications (event → invite at the sink).
  const connection = await connect({ servers: natsUrl });
  const { firstSeen: eventAt, subscription } = watchEnrolmentEvents(connection, Date.now);
  await connection.flush();
  const personRef = (index: number) => `prs_bench-direct-${String(index).padStart(6, "0")}`;
  const late = await steady(count, RATE, async (index) => {
    const sent = Date.now();
    const started = performance.now();
    const answer = await call(
      `${groupsUrl}/v1/groups/${groupIds[index % groupIds.length]}/enrolments`,
      "POST",
      facilitator,
      {
        personRef: personRef(index),
        displayName: `Participant ${index}`,
        language: "fr",
        contact: { email: address(index) },
      },
      randomUUID(),
    );
    // Wall clock, as the sink (another process) stamps arrivals with Date.now().
    answeredAt[index] = sent + (performance.now() - started);
    answerMs[index] = performance.now() - started;
    if (answer.status !== 201) failures.push(`HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  });
  if (failures.length > 0) {
    await connection.close();
    return { notMeasured: `${failures.length} enrolments refused: ${failures[0]}` };
  }
  await sink.waitFor(count, 15_000);
  subscription.unsubscribe();
  await connection.close();
  const arrivals = new Map<string, number>();
  for (const [to, at] of await sink.arrivals()) if (!arrivals.has(to)) arrivals.set(to, at);
  const groupsLeg: number[] = [];
  const notificationsLeg: number[] = [];
  for (let index = warmUp; index < count; index++) {
    const event = eventAt.get(personRef(index))?.at;
    const invite = arrivals.get(address(index));
    if (event === undefined) continue;
    groupsLeg.push(event - answeredAt[index]!);
    if (invite !== undefined) notificationsLeg.push(invite - event);
  }
  const stats = await sink.stats();
  const result = {
    how: "enrolment 2xx (wall clock in the bench process) → the sink process holding the whole invite (its Date.now()); same machine clock, 1 ms resolution",
    summary: summary({ count, warmUp, late, answeredAt, answerMs }, (index) => arrivals.get(address(index))),
    split: {
      how: "the same groups.enrolment.* events on a core NATS subscription (Date.now())",
      groups2xxToEvent: { p50Ms: percentile(groupsLeg, 50), p99Ms: percentile(groupsLeg, 99) },
      eventToInviteAtSink: {
        p50Ms: percentile(notificationsLeg, 50),
        p99Ms: percentile(notificationsLeg, 99),
      },
    },
    sink: stats,
    problems: [...(stats.duplicates > 0 ? [`${stats.duplicates} invites arrived twice`] : [])],
    groups: groupIds.length,
  };
  context.log(
    `  p50 ${result.summary.p50Ms.toFixed(1)} ms, p99 ${result.summary.p99Ms.toFixed(1)} ms, missing ${result.summary.missing}, sink ${stats.count} messages (${stats.duplicates} duplicates); groups 2xx → event p99 ${result.split.groups2xxToEvent.p99Ms.toFixed(1)} ms, event → sink p99 ${result.split.eventToInviteAtSink.p99Ms.toFixed(1)} ms`,
  );
  return result;
}
