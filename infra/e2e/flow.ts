// A flow that crosses the three services, for the fault tests: police file referrals (referrals),
// the call-back tasks fall due (referrals → notifications: an alert to the team's address), a
// coordinator reaches each person and records `accepted` with a group request (referrals →
// groups: a placement and an enrolment) and the person gets the invite (groups → notifications →
// SMTP). Driven over HTTP only; services may be killed under it, so every call is retried with
// the same Idempotency-Key until the service answers.
import { createClient } from "@libsql/client";
import { waitFor } from "@relais/testing";
import { connect, ErrorCode } from "nats";
import { type Answer, send, tokenFor } from "./http.js";
import type { Stack } from "./stack.js";

export const MUNICIPALITY = "Seraing";
export const VICTIM_TEAM_EMAIL = "seraing-victims@teams.e2e.example";
export const AUTHOR_TEAM_EMAIL = "seraing-authors@teams.e2e.example";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One value from a service's database, read beside the running service (WAL lets a reader in). */
export async function count(path: string, sql: string, args: string[] = []): Promise<number> {
  const client = createClient({ url: `file:${path}` });
  try {
    const result = await client.execute({ sql, args });
    return Number(result.rows[0]?.[0] ?? 0);
  } finally {
    client.close();
  }
}

/** Polls `check` until it holds; fails with `what` and the last `describe()` after `timeoutMs`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe?: () => Promise<string>,
): Promise<void> {
  try {
    await waitFor(check, { timeoutMs, intervalMs: 200, message: what });
  } catch (error) {
    if (!describe) throw error;
    throw new Error(`${(error as Error).message} (${await describe()})`);
  }
}

/** Messages on one subject in a stream: an outbox's republishes must have been deduplicated. */
/** Rows of a query as JSON, for failure messages. */
export async function rows(path: string, sql: string): Promise<string> {
  const client = createClient({ url: `file:${path}` });
  try {
    const result = await client.execute(sql);
    return JSON.stringify(result.rows.map((row) => Object.values(row)));
  } finally {
    client.close();
  }
}

export async function subjectMessages(
  servers: string,
  stream: string,
  subject: string,
  login: { user: string; pass: string } | Record<string, never> = {},
): Promise<number> {
  const nc = await connect({ servers: servers.split(","), timeout: 5_000, ...login });
  try {
    // A cluster that just lost a node (or its meta leader) may leave a JetStream API request
    // unanswered while the stream's leader settles: ask again, within a bound, rather than
    // fail the count. Any other error fails at once.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const jsm = await nc.jetstreamManager({ timeout: 10_000 });
        const info = await jsm.streams.info(stream, { subjects_filter: subject });
        return info.state.subjects?.[subject] ?? 0;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if ((code !== ErrorCode.Timeout && code !== ErrorCode.NoResponders) || Date.now() > deadline)
          throw error;
        await sleep(500);
      }
    }
  } finally {
    await nc.close();
  }
}

export interface CallLog {
  /** Requests that had to be sent again (connection refused or reset, 5xx, key still in progress). */
  retries: number;
  /** 409 `idempotency_in_progress` answers: a rival process stored the key first. */
  inProgress?: number;
  /** The longest time one request took to get a final answer. */
  longestMs?: number;
}

/**
 * Sends until the service gives a final answer: a connection error, a 502-504 or a 409
 * `idempotency_in_progress` (a rival process on the same database stored the key first) means
 * "not answered yet". Bounded by `timeoutMs`.
 */
export async function call(
  url: string,
  init: Parameters<typeof send>[1],
  log: CallLog,
  timeoutMs = 100_000,
): Promise<Answer> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    let answer: Answer | undefined;
    let failure = "";
    try {
      answer = await send(url, init);
      if (answer.status >= 502 && answer.status <= 504) failure = `HTTP ${answer.status}`;
      if (answer.status === 409 && answer.body.includes("idempotency_in_progress")) {
        failure = "in progress";
        log.inProgress = (log.inProgress ?? 0) + 1;
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (answer && !failure) {
      log.longestMs = Math.max(log.longestMs ?? 0, Date.now() - started);
      return answer;
    }
    if (Date.now() > deadline)
      throw new Error(`${init.method} ${url}: no answer within ${timeoutMs} ms (${failure})`);
    log.retries++;
    await sleep(250);
  }
}

function json(token: string, body: unknown, key?: string): Parameters<typeof send>[1] {
  return {
    method: "POST",
    token,
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  };
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status)
    throw new Error(`${what}: HTTP ${answer.status} ${answer.body.slice(0, 400)}`);
}

const preferences = {
  channels: ["phone", "email"],
  safeWindows: [],
  voicemailAllowed: false,
  discreet: true,
  doNotContact: false,
};

export function flowReferral(prefix: string, i: number) {
  const n = String(i).padStart(5, "0");
  return {
    policeZone: "5277 Seraing/Neupré",
    incidentReference: `LI.55.L1.${prefix}.${n}/26`,
    incidentAt: "2026-11-20T22:10:00+01:00",
    kind: "partner",
    riskLevel: (["high", "medium", "low"] as const)[i % 3],
    childrenPresent: i % 2 === 0,
    municipality: MUNICIPALITY,
    persons: [
      {
        role: "victim",
        consent: true,
        language: "fr",
        contact: { phone: `+3247${n}11`, email: `victim-${prefix}-${n}@mail.e2e.example` },
        preferences,
      },
      {
        role: "author",
        consent: true,
        language: "fr",
        contact: { phone: `+3248${n}22`, email: `author-${prefix}-${n}@mail.e2e.example` },
        preferences,
      },
    ],
  };
}

function group(kind: "victim_peer" | "perpetrator", tag: string, address: string, sub: string) {
  return {
    kind,
    publicName: kind === "perpetrator" ? `Programme ${tag}` : `Groupe de parole ${tag}`,
    language: "fr",
    municipality: MUNICIPALITY,
    location: { kind: "venue", address },
    capacity: 100,
    admission: "rolling",
    facilitators: [{ sub, email: `${sub}@staff.e2e.example` }],
    // Far enough ahead that no reminder falls due during a test.
    schedule: {
      timeZone: "Europe/Brussels",
      dtstart: "2027-03-02T18:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
      durationMinutes: 120,
    },
  };
}

/** The routing of Seraing to two teams with addresses, and one group of each kind the flow asks for. */
export async function setUpFlow(stack: Stack, tag: string): Promise<void> {
  const log: CallLog = { retries: 0 };
  const coordinator = await tokenFor("coordinator");
  const route = await call(
    `${stack.services.referrals.url}/v1/routes/${MUNICIPALITY}`,
    {
      method: "PUT",
      token: coordinator,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        victim: { team: "seraing-victims", teamEmail: VICTIM_TEAM_EMAIL },
        author: { team: "seraing-authors", teamEmail: AUTHOR_TEAM_EMAIL },
      }),
    },
    log,
  );
  if (route.status >= 300) throw new Error(`PUT route: HTTP ${route.status} ${route.body}`);
  const groups = `${stack.services.groups.url}/v1/groups`;
  const victims = await call(
    groups,
    json(
      await tokenFor("facilitator"),
      group("victim_peer", tag, `Rue du Charbonnage ${tag}, 4100 Seraing`, "e2e-facilitator"),
      `group-victims-${tag}`,
    ),
    log,
  );
  expectStatus(victims, 201, "POST victim group");
  const programme = await call(
    groups,
    json(
      await tokenFor("programme_staff"),
      group("perpetrator", tag, `Place Communale ${tag}, 4100 Seraing`, "e2e-programme_staff"),
      `group-programme-${tag}`,
    ),
    log,
  );
  expectStatus(programme, 201, "POST programme group");
}

export interface FlowOptions {
  prefix: string;
  referrals: number;
  concurrency?: number;
  /** Called after each referral's two tasks are closed, with how many are done. */
  onProgress?(done: number): void;
}

export interface FlowResult {
  referralIds: string[];
  tasks: number;
  requests: number;
  retries: number;
  inProgress: number;
  longestRequestMs: number;
  ms: number;
}

interface DetailTask {
  personRef: string;
  role: "victim" | "author";
  task: { id: string; status: string } | null;
}

/**
 * Files each referral and works its two tasks to `accepted` with a group request: the victim to
 * a peer group, the author to a programme under a justice mandate.
 */
export async function runFlow(stack: Stack, options: FlowOptions): Promise<FlowResult> {
  const started = Date.now();
  const log: CallLog = { retries: 0, inProgress: 0, longestMs: 0 };
  let requests = 0;
  const police = await tokenFor("police");
  const coordinator = await tokenFor("coordinator");
  const referralsUrl = stack.services.referrals.url;
  const referralIds: string[] = [];
  let tasks = 0;
  let next = 0;
  let done = 0;

  const http = (url: string, init: Parameters<typeof send>[1]) => {
    requests++;
    return call(url, init, log);
  };

  async function workOne(i: number) {
    const filed = await http(
      `${referralsUrl}/v1/referrals`,
      json(police, flowReferral(options.prefix, i), `${options.prefix}-file-${i}`),
    );
    expectStatus(filed, 201, `file referral ${i}`);
    const { id } = JSON.parse(filed.body) as { id: string };
    referralIds.push(id);
    const detail = await http(`${referralsUrl}/v1/referrals/${id}`, { method: "GET", token: coordinator });
    expectStatus(detail, 200, `read referral ${id}`);
    const persons = (JSON.parse(detail.body) as { persons: DetailTask[] }).persons;
    for (const person of persons) {
      if (!person.task) throw new Error(`referral ${id}: ${person.role} has no task`);
      tasks++;
      const task = `${referralsUrl}/v1/callbacks/${person.task.id}`;
      const claim = await http(`${task}/claim`, { method: "POST", token: coordinator });
      expectStatus(claim, 200, `claim ${person.task.id}`);
      const attempt = await http(
        `${task}/attempts`,
        json(
          coordinator,
          { outcome: "reached", channel: "phone" },
          `${options.prefix}-attempt-${person.task.id}`,
        ),
      );
      expectStatus(attempt, 201, `attempt ${person.task.id}`);
      const outcome = {
        outcome: "accepted",
        group:
          person.role === "victim"
            ? { kind: "victim_peer" }
            : {
                kind: "perpetrator",
                mandate: {
                  authority: "Maison de justice de Liège",
                  contactEmail: "mj.liege@justice.e2e.example",
                  caseReference: `MJ/${options.prefix}/${i}`,
                  requiredSessions: 8,
                  deadline: "2027-09-30",
                },
              },
      };
      const closed = await http(
        `${task}/outcome`,
        json(coordinator, outcome, `${options.prefix}-outcome-${person.task.id}`),
      );
      expectStatus(closed, 201, `outcome ${person.task.id}`);
    }
    done++;
    options.onProgress?.(done);
  }

  async function worker() {
    while (next < options.referrals) await workOne(next++);
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return {
    referralIds,
    tasks,
    requests,
    retries: log.retries,
    inProgress: log.inProgress ?? 0,
    longestRequestMs: log.longestMs ?? 0,
    ms: Date.now() - started,
  };
}

export interface MailFigures {
  /** Messages the SMTP sink accepted. */
  received: number;
  distinctMessageIds: number;
  /** Accepted messages beyond the first of their Message-ID (a message in flight at a kill). */
  resentSameId: number;
  /** The most times one Message-ID arrived. */
  maxPerMessageId: number;
  /** Logical messages (recipient + subject + text) that arrived under more than one Message-ID. */
  logicalDuplicates: string[];
}

export function mailFigures(stack: Stack): MailFigures {
  const perId = new Map<string, number>();
  const idsPerLogical = new Map<string, Set<string>>();
  for (const mail of stack.smtp.messages) {
    const id = mail.parsed.messageId ?? "(none)";
    perId.set(id, (perId.get(id) ?? 0) + 1);
    const logical = `${mail.envelope.to.join(",")}\n${mail.parsed.subject ?? ""}\n${mail.parsed.text ?? ""}`;
    const ids = idsPerLogical.get(logical) ?? new Set<string>();
    ids.add(id);
    idsPerLogical.set(logical, ids);
  }
  return {
    received: stack.smtp.messages.length,
    distinctMessageIds: perId.size,
    resentSameId: stack.smtp.messages.length - perId.size,
    maxPerMessageId: Math.max(0, ...perId.values()),
    logicalDuplicates: [...idsPerLogical.entries()]
      .filter(([, ids]) => ids.size > 1)
      .map(([logical, ids]) => `${logical.split("\n").slice(0, 2).join(" | ")} ×${ids.size}`),
  };
}

export interface FlowTotals {
  /** Referrals filed by every flow run on this stack so far. */
  referrals: number;
}

export interface Settled {
  /** Inbox rows across the three services: events each consumer applied. */
  eventsApplied: number;
  /** Due alerts published: tasks closed while the scheduler's lease of a killed process ran get none. */
  announced: number;
  mail: MailFigures;
  ms: number;
}

/**
 * Waits until every effect of `totals.referrals` flow referrals has arrived, then reads the
 * databases to check that each exists exactly once and nothing went to dead letters.
 * Throws with what is missing; the caller asserts on the returned figures.
 */
export async function settleFlow(
  stack: Stack,
  totals: FlowTotals,
  timeoutMs = 120_000,
  /** How the counts log in to NATS, on a bus that authorises by user. */
  login: Parameters<typeof subjectMessages>[3] = {},
): Promise<Settled> {
  const started = Date.now();
  const people = totals.referrals * 2;
  const { groups, referrals, notifications } = stack.services;
  const state = async () => {
    const figures = {
      outboxReferrals: await count(
        referrals.databasePath,
        "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
      ),
      outboxGroups: await count(groups.databasePath, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"),
      outboxNotifications: await count(
        notifications.databasePath,
        "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
      ),
      enrolments: await count(
        groups.databasePath,
        "SELECT count(*) FROM enrolments WHERE status = 'enrolled'",
      ),
      invitesSent: await count(
        notifications.databasePath,
        "SELECT count(*) FROM messages WHERE template = 'enrolment_confirmed' AND status = 'sent'",
      ),
      alertsSent: await count(
        notifications.databasePath,
        "SELECT count(*) FROM messages WHERE template = 'callback_due' AND status = 'sent'",
      ),
      /** Tasks whose due alert referrals published (one closed before its alert gets none). */
      announced: await count(
        referrals.databasePath,
        "SELECT count(*) FROM callback_tasks WHERE due_notified_at IS NOT NULL",
      ),
      mails: mailFigures(stack).distinctMessageIds,
      unsendable: await count(
        notifications.databasePath,
        "SELECT count(*) FROM messages WHERE status IN ('suppressed', 'failed')",
      ),
    };
    return figures;
  };
  await until(
    "every effect of the flow",
    async () => {
      const s = await state();
      // A suppressed or failed message is final: no point waiting for it.
      if (s.unsendable > 0) return true;
      return (
        s.outboxReferrals + s.outboxGroups + s.outboxNotifications === 0 &&
        s.enrolments === people &&
        s.invitesSent === people &&
        s.alertsSent === s.announced &&
        s.mails === people + s.announced
      );
    },
    timeoutMs,
    async () =>
      JSON.stringify({ expected: { people }, ...(await state()) }) +
      `\nmessages: ${await rows(notifications.databasePath, "SELECT template, status, reason, attempts, count(*) FROM messages GROUP BY 1, 2, 3, 4")}` +
      `\ninbox: ${await rows(notifications.databasePath, "SELECT consumer, count(*) FROM inbox GROUP BY 1")}` +
      `\ndead letters: ${await rows(notifications.databasePath, "SELECT consumer, error FROM dead_letters LIMIT 5")}` +
      `\n--- notifications ---\n${notifications.process.output(40)}`,
  );
  const { announced, unsendable } = await state();
  if (unsendable > 0) {
    throw new Error(
      `messages that will never be sent: ${await rows(notifications.databasePath, "SELECT template, status, reason, count(*) FROM messages WHERE status IN ('suppressed', 'failed') GROUP BY 1, 2, 3")}` +
        `\nqueued at / contact written at: ${await rows(notifications.databasePath, "SELECT m.created_at, c.updated_at FROM messages m LEFT JOIN contacts c ON c.person_ref = m.person_ref WHERE m.status = 'suppressed' ORDER BY 1 LIMIT 5")}` +
        `\nreferral.received applied after the first suppressed invite: ${await rows(notifications.databasePath, "SELECT processed_at FROM inbox WHERE consumer = 'notifications-referral-received' AND processed_at >= (SELECT min(created_at) FROM messages WHERE status = 'suppressed') ORDER BY 1")}` +
        `\ninbox: ${await rows(notifications.databasePath, "SELECT consumer, count(*), min(processed_at), max(processed_at) FROM inbox GROUP BY 1")}` +
        `\n--- notifications ---\n${notifications.process
          .output(200)
          .split("\n")
          .filter((line) => !line.includes('"TIMING"'))
          .slice(-30)
          .join("\n")}`,
    );
  }

  const r = referrals.databasePath;
  const g = groups.databasePath;
  const n = notifications.databasePath;
  const servers = stack.cluster?.urls ?? stack.nats.url;
  /** Every count this flow promises, and how far each is off. */
  const exactlyOnce = async () => {
    const problems: Array<{ what: string; actual: number; expected: number }> = [];
    // [what, database, query, expected]
    const counts: Array<[string, string, string, number]> = [
      ["referrals", r, "SELECT count(*) FROM referrals", totals.referrals],
      ["tasks", r, "SELECT count(*) FROM callback_tasks", people],
      ["tasks per person", r, "SELECT count(DISTINCT person_ref) FROM callback_tasks", people],
      ["accepted tasks", r, "SELECT count(*) FROM callback_tasks WHERE outcome = 'accepted'", people],
      ["attempts", r, "SELECT count(*) FROM callback_attempts", people],
      ["placements", g, "SELECT count(*) FROM placements", people],
      [
        "placements per person",
        g,
        "SELECT count(DISTINCT referral_id || person_ref) FROM placements",
        people,
      ],
      ["enrolments", g, "SELECT count(*) FROM enrolments", people],
      ["enrolments per person", g, "SELECT count(DISTINCT person_ref) FROM enrolments", people],
      ["separations", g, "SELECT count(*) FROM separations", people],
      ["contacts", n, "SELECT count(*) FROM contacts", people],
      [
        "invites per person",
        n,
        "SELECT count(DISTINCT person_ref) FROM messages WHERE template = 'enrolment_confirmed'",
        people,
      ],
      ["invite messages", n, "SELECT count(*) FROM messages WHERE template = 'enrolment_confirmed'", people],
      ["due alerts", n, "SELECT count(*) FROM messages WHERE template = 'callback_due'", announced],
      [
        "due alerts applied",
        n,
        "SELECT count(*) FROM inbox WHERE consumer = 'notifications-callback-due'",
        announced,
      ],
      ["messages not sent", n, "SELECT count(*) FROM messages WHERE status <> 'sent'", 0],
      ...Object.values(stack.services).map((service): [string, string, string, number] => [
        `${service.name} dead letters`,
        service.databasePath,
        "SELECT count(*) FROM dead_letters",
        0,
      ]),
    ];
    for (const [what, path, sql, expected] of counts) {
      const actual = await count(path, sql);
      if (actual !== expected) problems.push({ what, actual, expected });
    }
    const subjects: [string, string, number][] = [
      ["REFERRALS", "referrals.referral.received", totals.referrals],
      ["REFERRALS", "referrals.callback.due", announced],
      ["REFERRALS", "referrals.support.requested", people],
      ["GROUPS", "groups.enrolment.confirmed", people],
    ];
    for (const [stream, subject, expected] of subjects) {
      const actual = await subjectMessages(servers, stream, subject, login);
      if (actual !== expected) problems.push({ what: `${subject} in ${stream}`, actual, expected });
    }
    return problems;
  };
  // Wait for every effect counted, not only the ones above: a consumer that lost its node may
  // catch up a few seconds after the others. Too many never becomes right, so that fails at once.
  let problems = await exactlyOnce();
  while (
    problems.length > 0 &&
    !problems.some((p) => p.actual > p.expected) &&
    Date.now() < started + timeoutMs
  ) {
    await sleep(250);
    problems = await exactlyOnce();
  }
  if (problems.length > 0)
    throw new Error(
      `effects not exactly once:\n${problems.map((p) => `${p.what}: ${p.actual}, expected ${p.expected}`).join("\n")}`,
    );

  let eventsApplied = 0;
  for (const service of Object.values(stack.services)) {
    eventsApplied += await count(service.databasePath, "SELECT count(*) FROM inbox");
  }
  return { eventsApplied, announced, mail: mailFigures(stack), ms: Date.now() - started };
}
