// The Relais story, end to end, over HTTP only: police in zone Seraing-Neupré file a referral
// (partner violence, two children present, high risk); the victim's call-back falls due, a
// first attempt fails and a second reaches her; she takes a place in a victims' peer group; the
// author accepts a perpetrator programme under a justice mandate; both get their invites and
// reminders; attendance is recorded, the author's second unexcused absence warns the justice
// house; the police see "in_support" and nothing personal. `story.test.ts` runs it on a fresh
// stack and asserts; `pnpm demo` runs it on the local stack and prints it for a person.
//
// Time is real: the groups are set up with their first three weekly sessions already behind us
// (rolling admission lets people join a running group), so attendance can be recorded now, and
// the next session is less than a day ahead, so its 24 h reminder is due at once.
import type { Role } from "@relais/contracts";
import { icsHighlights, type Mail, type Mailbox, waitForMail } from "./story-mail.js";

export const STORY_MUNICIPALITY = "Seraing";
/** The routing seed's teams for Seraing (services/referrals/src/db/routing-seed.ts). */
export const VICTIM_TEAM = "vif-ment-fini-victims";
export const AUTHOR_TEAM = "vif-ment-fini-authors";
export const POLICE_ZONE = "5277";
const ZONE = "Europe/Brussels";

export interface StoryServices {
  groups: string;
  referrals: string;
  notifications: string;
}

export type TokenFor = (role: Role, sub: string, claims?: Record<string, unknown>) => Promise<string>;

export interface StoryOptions {
  services: StoryServices;
  /** Makes every Idempotency-Key and reference of this run its own, so runs never collide. */
  runId: string;
  token: TokenFor;
  /** Where the story reads people's mail; absent when it goes to an SMTP server we cannot read. */
  mailbox?: Mailbox;
  /** Narration, one line at a time (the demo prints it; the test may keep it quiet). */
  say?: (line: string) => void;
  /** Bound on each wait for something asynchronous (an event, a mail). */
  timeoutMs?: number;
  now?: () => Date;
  /** Seconds between setting up the groups and the 2 h reminder of their next session falling due. */
  reminderLeadSeconds?: number;
}

export interface PersonOutcome {
  name: string;
  email: string;
  phone: string;
  personRef: string;
  taskId: string;
  groupId: string;
  enrolmentId: string;
  invite?: Mail;
  reminders: Mail[];
}

export interface StoryResult {
  runId: string;
  referralId: string;
  incidentReference: string;
  victimGroupId: string;
  programmeId: string;
  victim: PersonOutcome & { attemptOutcomes: string[]; retryDueAt: string };
  author: PersonOutcome & { caseReference: string; justiceEmail: string };
  teamAlerts: Mail[];
  justiceWarning?: Mail;
  compliance: { attended: number; unexcusedAbsences: number; required: number; breached: string[] };
  police: {
    status: string;
    firstContactAt: string | null;
    body: string;
    leaked: string[];
    fullReferral: number;
  };
  /** Everything personal the story put in: none of it may reach the police. */
  secrets: string[];
}

class StoryStepError extends Error {}

interface Answer<T> {
  status: number;
  json: T;
  text: string;
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  init: { token: string; body?: unknown; key?: string; expect?: number[] },
): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token}` };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.key) headers["idempotency-key"] = init.key;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const expect = init.expect ?? [200, 201];
  if (!expect.includes(response.status)) {
    throw new StoryStepError(`${method} ${path} answered ${response.status}: ${text.slice(0, 600)}`);
  }
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T, text };
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new StoryStepError(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every item of a cursor-paginated list. */
async function all<T>(base: string, path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page: Answer<{ items: T[]; nextCursor: string | null }> = await call(
      base,
      "GET",
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { token },
    );
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
}

// --- time, as people in Brussels read it --------------------------------------------------------

interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function local(at: Date): Local {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The groups' schedule: the next session two hours and `leadSeconds` from now (so its 2 h
 * reminder falls due `leadSeconds` after the groups are set up) and, three weeks earlier at the
 * same wall-clock time, the first. `next` is an instant; `dtstart` is Brussels wall-clock time,
 * moved back by calendar days only: the groups service places each local occurrence in the zone.
 */
export function storySchedule(now: Date, leadSeconds: number): { dtstart: string; next: string } {
  const next = new Date(Math.ceil((now.getTime() + 7_200_000 + leadSeconds * 1_000) / 1_000) * 1_000);
  const l = local(next);
  const first = new Date(Date.UTC(l.year, l.month - 1, l.day - 21, l.hour, l.minute, l.second));
  return { dtstart: first.toISOString().slice(0, 19), next: next.toISOString() };
}

/** A safe window around the current hour, every day: the story's calls fall inside it whenever it runs. */
export function storySafeWindow(now: Date): { days: number[]; from: string; to: string } {
  const { hour } = local(now);
  // Seven hours: long enough that a high-risk SLA (4 h) ends inside it, not at the next day's window.
  const end = (hour + 6) % 24;
  return {
    days: [1, 2, 3, 4, 5, 6, 7],
    from: `${pad((hour + 23) % 24)}:00`,
    to: end === 0 ? "24:00" : `${pad(end)}:00`,
  };
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

function digits(seed: string, n: number): string {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return String(h % 10 ** n).padStart(n, "0");
}

// --- the people ---------------------------------------------------------------------------------

const PEOPLE = {
  police: { sub: "zp5277-insp-dethier", name: "Inspector Julie Dethier" },
  victimWorker: { sub: "vif-amelie-renard", name: "Amélie Renard" },
  authorWorker: { sub: "vif-jeroen-maes", name: "Jeroen Maes" },
  facilitator: {
    sub: "fac-nathalie-lejeune",
    name: "Nathalie Lejeune",
    email: "nathalie.lejeune@cpas-seraing.example",
  },
  programme: { sub: "ps-pieter-claes", name: "Pieter Claes", email: "pieter.claes@praxis-liege.example" },
  coFacilitator: {
    sub: "ps-sarah-mertens",
    name: "Sarah Mertens",
    email: "sarah.mertens@praxis-liege.example",
  },
  victim: { name: "Laura Peeters", phone: "+32471284406", email: "laura.peeters@webmail.example" },
  author: { name: "Kevin Dubois", phone: "+32478651932", email: "kevin.dubois@webmail.example" },
  justice: { authority: "Maison de justice de Liège", email: "mj.liege@justice.example" },
};

const VICTIM_GROUP_NAME = "Groupe de parole Renouer";
const PROGRAMME_NAME = "Programme Déclic";

const NOTES = {
  firstTry: "Pas de réponse après 8 sonneries ; pas de message (messagerie non autorisée).",
  reached: "Jointe. En sécurité chez sa sœur à Neupré avec les deux enfants. Souhaite un groupe de parole.",
  victimOutcome: "Accepte une place au groupe de parole de Seraing.",
  authorReached: "Joint. Reconnaît les faits en partie ; mandat de la maison de justice pour un programme.",
  authorOutcome: "Accepte le programme sous mandat judiciaire.",
  absent: "Absent, sans justificatif.",
};

interface Task {
  id: string;
  referralId: string;
  personRef: string;
  team: string;
  riskLevel: string;
  due: boolean;
  dueAt: string;
  slaDeadline: string;
  attempts: number;
  reachedAt: string | null;
}
interface ClaimedTask extends Task {
  person: {
    displayName: string | null;
    language: string;
    contact: { phone?: string; email?: string };
    preferences: {
      channels: string[];
      safeWindows: Array<{ days: number[]; from: string; to: string }>;
      voicemailAllowed: boolean;
    };
  };
}
interface Group {
  id: string;
  kind: string;
  publicName: string;
  admission: string;
  facilitators: Array<{ sub: string }>;
}
interface Session {
  id: string;
  startsAt: string;
  status: string;
}
interface Placement {
  referralId: string;
  personRef: string;
  status: string;
  groupId: string | null;
  enrolmentId: string | null;
}

export async function runStory(options: StoryOptions): Promise<StoryResult> {
  const { services: svc, runId, mailbox } = options;
  const say = options.say ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const key = (what: string) => `${runId}:${what}`;
  const start = now();
  const window = storySafeWindow(start);
  const year = local(start).year;
  const incidentReference = `LI.55.L7.${digits(runId, 6)}/${String(year).slice(2)}`;
  const caseReference = `MJ-LIE/${year}/${digits(`${runId}:mandate`, 5)}`;

  const token = {
    police: await options.token("police", PEOPLE.police.sub, { zone: POLICE_ZONE }),
    victimWorker: await options.token("caseworker", PEOPLE.victimWorker.sub, { teams: [VICTIM_TEAM] }),
    authorWorker: await options.token("caseworker", PEOPLE.authorWorker.sub, { teams: [AUTHOR_TEAM] }),
    facilitator: await options.token("facilitator", PEOPLE.facilitator.sub),
    programme: await options.token("programme_staff", PEOPLE.programme.sub),
  };
  const mail = (what: string, matches: (m: Mail) => boolean) =>
    mailbox ? waitForMail(mailbox, what, matches, timeoutMs) : Promise.resolve(undefined);
  const heading = (who: string) => say(`\n── ${who} ${"─".repeat(Math.max(4, 76 - who.length))}`);

  // --- 1. The police file a referral ------------------------------------------------------------
  heading(`${PEOPLE.police.name}, police zone Seraing-Neupré (${POLICE_ZONE})`);
  const incidentAt = new Date(start.getTime() - 135 * 60_000).toISOString();
  const filed = await call<{
    id: string;
    status: string;
    persons: Array<{ personRef: string; role: string; contactable: boolean; reason: string | null }>;
  }>(svc.referrals, "POST", "/v1/referrals", {
    token: token.police,
    key: key("referral"),
    body: {
      policeZone: "ZP Seraing/Neupré (5277)",
      incidentReference,
      incidentAt,
      kind: "partner",
      riskLevel: "high",
      riskScore: 78,
      childrenPresent: true,
      municipality: STORY_MUNICIPALITY,
      persons: [
        {
          role: "victim",
          displayName: PEOPLE.victim.name,
          consent: true,
          language: "fr",
          timeZone: ZONE,
          contact: { phone: PEOPLE.victim.phone, email: PEOPLE.victim.email },
          preferences: {
            channels: ["phone", "email"],
            safeWindows: [window],
            voicemailAllowed: false,
            discreet: true,
            doNotContact: false,
          },
        },
        {
          role: "author",
          displayName: PEOPLE.author.name,
          consent: true,
          language: "fr",
          timeZone: ZONE,
          contact: { phone: PEOPLE.author.phone, email: PEOPLE.author.email },
          preferences: {
            channels: ["phone", "email"],
            safeWindows: [],
            voicemailAllowed: true,
            discreet: false,
            doNotContact: false,
          },
        },
      ],
    },
  });
  const referralId = filed.json.id;
  const refOf = (role: string) => filed.json.persons.find((p) => p.role === role)!.personRef;
  say(`Files ${incidentReference}: partner violence on ${when(incidentAt)}, high risk (score 78),`);
  say(`two children present, Seraing; victim and author both consent to be called back.`);
  say(`Relais answers ${filed.status}: referral ${referralId}, status "${filed.json.status}".`);
  for (const p of filed.json.persons)
    say(`  ${p.role}: call-back ${p.contactable ? "planned" : `not made (${p.reason})`}`);

  // --- 2. The victim's call-back --------------------------------------------------------------
  heading(`${PEOPLE.victimWorker.name}, call-back worker, team ${VICTIM_TEAM}`);
  const teamAlerts: Mail[] = [];
  const dueTask = async (tokenValue: string, role: string) =>
    eventually(
      `the ${role}'s call-back in the queue, due`,
      async () =>
        (await all<Task>(svc.referrals, `/v1/callbacks?role=${role}`, tokenValue)).find(
          (t) => t.referralId === referralId && t.due,
        ),
      timeoutMs,
    );
  const victimTask = await dueTask(token.victimWorker, "victim");
  say(
    `Her queue shows a HIGH-risk call-back, due ${when(victimTask.dueAt)}, SLA deadline ${when(victimTask.slaDeadline)}.`,
  );
  const victimAlert = await mail(
    "the victim team's call-back alert",
    (m) => m.to.includes(`${VICTIM_TEAM}@teams.relais.example`) && m.text.includes(victimTask.id),
  );
  if (victimAlert) {
    teamAlerts.push(victimAlert);
    say(`The team inbox got: "${victimAlert.subject}"`);
  }

  const claim = (task: string, tokenValue: string) =>
    call<ClaimedTask>(svc.referrals, "POST", `/v1/callbacks/${task}/claim`, { token: tokenValue });
  const attempt = (task: string, tokenValue: string, what: string, body: Record<string, unknown>) =>
    call<Task>(svc.referrals, "POST", `/v1/callbacks/${task}/attempts`, {
      token: tokenValue,
      key: key(what),
      body,
    });
  const outcome = (task: string, tokenValue: string, what: string, body: Record<string, unknown>) =>
    call<Task>(svc.referrals, "POST", `/v1/callbacks/${task}/outcome`, {
      token: tokenValue,
      key: key(what),
      body,
    });

  const claimed = await claim(victimTask.id, token.victimWorker);
  const prefs = claimed.json.person.preferences;
  say(
    `Claims it and sees: ${claimed.json.person.displayName}, ${claimed.json.person.contact.phone}, language ${claimed.json.person.language};`,
  );
  say(
    `  safe to call every day ${prefs.safeWindows.map((w) => `${w.from}–${w.to}`).join(", ")}, ` +
      `by ${prefs.channels.join("/")}, voicemail ${prefs.voicemailAllowed ? "allowed" : "NOT allowed"}.`,
  );
  const first = await attempt(victimTask.id, token.victimWorker, "victim:attempt:1", {
    outcome: "no_answer",
    channel: "phone",
    note: NOTES.firstTry,
  });
  say(
    `Calls: no answer (attempt ${first.json.attempts}). The claim is released; the next try is due ${when(first.json.dueAt)}.`,
  );
  await claim(victimTask.id, token.victimWorker);
  const second = await attempt(victimTask.id, token.victimWorker, "victim:attempt:2", {
    outcome: "reached",
    channel: "phone",
    note: NOTES.reached,
  });
  say(`Tries again within her safe window and reaches her (attempt ${second.json.attempts}).`);
  say(`She would like to join a victims' peer group.`);

  // --- 3. The author's call-back --------------------------------------------------------------
  heading(`${PEOPLE.authorWorker.name}, call-back worker, team ${AUTHOR_TEAM}`);
  const authorTask = await dueTask(token.authorWorker, "author");
  say(
    `His queue shows the author's call-back (HIGH), due ${when(authorTask.dueAt)} — he never sees the victim's notes.`,
  );
  const authorAlert = await mail(
    "the author team's call-back alert",
    (m) => m.to.includes(`${AUTHOR_TEAM}@teams.relais.example`) && m.text.includes(authorTask.id),
  );
  if (authorAlert) teamAlerts.push(authorAlert);
  await claim(authorTask.id, token.authorWorker);
  await attempt(authorTask.id, token.authorWorker, "author:attempt:1", {
    outcome: "reached",
    channel: "phone",
    note: NOTES.authorReached,
  });
  const deadline = new Date(Date.UTC(year + 1, local(start).month - 1, 1)).toISOString().slice(0, 10);
  const mandate = {
    authority: PEOPLE.justice.authority,
    contactEmail: PEOPLE.justice.email,
    caseReference,
    requiredSessions: 20,
    deadline,
  };
  say(`Reaches Kevin Dubois at once. He agrees to a programme under a mandate of the ${mandate.authority}:`);
  say(`  case ${caseReference}, ${mandate.requiredSessions} sessions required by ${deadline}.`);

  // --- 4. The groups the workers place people in ------------------------------------------------
  // Set up now, with their first three weekly sessions already held, so that attendance can be
  // recorded at once and the next session starts two hours (and a few seconds) after the people
  // are enrolled: its 2 h reminder goes out during the run. A reminder whose moment passed
  // before the enrolment is never planned (notifications' reminder-plan.ts), so a 24 h one cannot.
  heading(
    `Meanwhile: ${PEOPLE.facilitator.name} (facilitator) and ${PEOPLE.programme.name} (programme staff)`,
  );
  const schedule = storySchedule(now(), options.reminderLeadSeconds ?? 30);
  // Placement takes the oldest matching group with a seat: earlier runs' groups close their intake
  // so this run's people land in this run's groups (their sessions are timed for this run).
  let closed = 0;
  const earlier = [
    ...(await all<Group>(
      svc.groups,
      `/v1/groups?kind=victim_peer&municipality=${STORY_MUNICIPALITY}&facilitator=${PEOPLE.facilitator.sub}`,
      token.facilitator,
    )),
    ...(await all<Group>(
      svc.groups,
      `/v1/groups?kind=perpetrator&municipality=${STORY_MUNICIPALITY}`,
      token.programme,
    )),
  ].filter(
    (g) =>
      g.admission === "rolling" &&
      (g.publicName.startsWith(VICTIM_GROUP_NAME) || g.publicName.startsWith(PROGRAMME_NAME)) &&
      g.facilitators.some((f) => f.sub === PEOPLE.facilitator.sub || f.sub === PEOPLE.programme.sub),
  );
  for (const group of earlier) {
    const owner = group.kind === "perpetrator" ? token.programme : token.facilitator;
    await call(svc.groups, "PATCH", `/v1/groups/${group.id}`, {
      token: owner,
      body: { admission: "closed" },
    });
    closed++;
  }
  if (closed > 0) say(`(closed the intake of ${closed} group(s) left by earlier demo runs)`);

  const weekly = (count: number) => ({
    timeZone: ZONE,
    dtstart: schedule.dtstart,
    rrule: `FREQ=WEEKLY;COUNT=${count}`,
    durationMinutes: 120,
  });
  const victimGroup = await call<Group>(svc.groups, "POST", "/v1/groups", {
    token: token.facilitator,
    key: key("group:victims"),
    body: {
      kind: "victim_peer",
      publicName: VICTIM_GROUP_NAME,
      language: "fr",
      municipality: STORY_MUNICIPALITY,
      location: { kind: "venue", address: "Maison de la Laïcité, Rue Cockerill 12, 4100 Seraing" },
      capacity: 10,
      admission: "rolling",
      facilitators: [
        {
          sub: PEOPLE.facilitator.sub,
          displayName: PEOPLE.facilitator.name,
          email: PEOPLE.facilitator.email,
        },
      ],
      schedule: weekly(12),
    },
  });
  const programme = await call<Group>(svc.groups, "POST", "/v1/groups", {
    token: token.programme,
    key: key("group:programme"),
    body: {
      kind: "perpetrator",
      publicName: PROGRAMME_NAME,
      language: "fr",
      municipality: STORY_MUNICIPALITY,
      location: { kind: "venue", address: "Praxis, Rue Puits-en-Sock 86, 4020 Liège" },
      capacity: 9,
      admission: "rolling",
      facilitators: [
        { sub: PEOPLE.programme.sub, displayName: PEOPLE.programme.name, email: PEOPLE.programme.email },
        {
          sub: PEOPLE.coFacilitator.sub,
          displayName: PEOPLE.coFacilitator.name,
          email: PEOPLE.coFacilitator.email,
        },
      ],
      schedule: weekly(22),
    },
  });
  say(`Open "${VICTIM_GROUP_NAME}" (victim peer group, fr, Seraing, 10 seats, rolling admission)`);
  say(`and "${PROGRAMME_NAME}" (perpetrator programme, fr, 22 weekly sessions of 2 h, 9 seats).`);
  say(`Both meet weekly and began three weeks ago; the next session is ${when(schedule.next)}`);
  say(`(two hours from now, so that its 2-hour reminder goes out during this run).`);

  heading("Both call-back workers record the outcome");
  await outcome(victimTask.id, token.victimWorker, "victim:outcome", {
    outcome: "accepted",
    group: { kind: "victim_peer" },
    note: NOTES.victimOutcome,
  });
  say(`${PEOPLE.victimWorker.name}: support accepted, a place in a victims' peer group requested.`);
  await outcome(authorTask.id, token.authorWorker, "author:outcome", {
    outcome: "accepted",
    group: { kind: "perpetrator", mandate },
    note: NOTES.authorOutcome,
  });
  say(`${PEOPLE.authorWorker.name}: support accepted, a programme place requested with the mandate.`);

  // --- 5. Groups place both ---------------------------------------------------------------------
  const placed = (tokenValue: string, kind: string, personRef: string) =>
    eventually(
      `the ${kind} placement`,
      async () =>
        (await all<Placement>(svc.groups, `/v1/placements?status=placed&kind=${kind}`, tokenValue)).find(
          (p) => p.referralId === referralId && p.personRef === personRef,
        ),
      timeoutMs,
    );
  const victimPlacement = await placed(token.facilitator, "victim_peer", refOf("victim"));
  const authorPlacement = await placed(token.programme, "perpetrator", refOf("author"));
  for (const [p, group] of [
    [victimPlacement, victimGroup.json],
    [authorPlacement, programme.json],
  ] as const) {
    if (p.groupId !== group.id)
      throw new StoryStepError(`placed in group ${p.groupId}, expected "${group.publicName}" (${group.id})`);
  }

  // --- 6. Invites and reminders -----------------------------------------------------------------
  heading(`${PEOPLE.victim.name} (victim), inbox ${PEOPLE.victim.email}`);
  const isReminder = (m: Mail) => m.ics === null && /rappel|herinnering|reminder/i.test(m.subject);
  const victimInvite = await mail(
    "the victim's invite",
    (m) => m.to.includes(PEOPLE.victim.email) && m.ics !== null,
  );
  const victimReminder = await mail(
    "the victim's reminder",
    (m) => m.to.includes(PEOPLE.victim.email) && isReminder(m),
  );
  const show = (m: Mail | undefined, label: string) => {
    if (!m) return say(`${label}: sent by e-mail (SMTP_URL is set, so not shown here)`);
    say(`${label}: "${m.subject}" from ${m.from}`);
    say(`  ${m.text.split("\n").filter(Boolean).slice(0, 3).join(" / ")}`);
    if (m.ics) for (const line of icsHighlights(m.ics)) say(`  ics │ ${line}`);
    if (m.id.endsWith(".eml")) say(`  file: ${m.id}`);
  };
  say(
    `Placed in "${VICTIM_GROUP_NAME}" (enrolment ${victimPlacement.enrolmentId}). She asked for discretion:`,
  );
  show(victimInvite, "Invite");
  show(victimReminder, "Reminder");

  heading(`${PEOPLE.author.name} (author), inbox ${PEOPLE.author.email}`);
  const authorInvite = await mail(
    "the author's invite",
    (m) => m.to.includes(PEOPLE.author.email) && m.ics !== null,
  );
  const authorReminder = await mail(
    "the author's reminder",
    (m) => m.to.includes(PEOPLE.author.email) && isReminder(m),
  );
  say(`Placed in "${PROGRAMME_NAME}" (enrolment ${authorPlacement.enrolmentId}), mandate attached.`);
  show(authorInvite, "Invite");
  show(authorReminder, "Reminder");

  // --- 7. Attendance ----------------------------------------------------------------------------
  const pastSessions = async (groupId: string, tokenValue: string) => {
    const list = await call<{ items: Session[] }>(svc.groups, "GET", `/v1/groups/${groupId}/sessions`, {
      token: tokenValue,
    });
    const at = now().getTime();
    return list.json.items
      .filter((s) => s.status !== "cancelled" && Date.parse(s.startsAt) <= at)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  };
  const mark = (sessionId: string, enrolmentId: string, tokenValue: string, status: string, note?: string) =>
    call(svc.groups, "PUT", `/v1/sessions/${sessionId}/attendance/${enrolmentId}`, {
      token: tokenValue,
      body: note ? { status, note } : { status },
    });

  heading(`${PEOPLE.facilitator.name}, facilitator of "${VICTIM_GROUP_NAME}"`);
  say("(Time is compressed: the sessions held before today are marked as if Laura and Kevin had");
  say(" joined the groups at their start.)");
  const victimPast = await pastSessions(victimGroup.json.id, token.facilitator);
  const lastVictimSession = victimPast.at(-1)!;
  await mark(lastVictimSession.id, victimPlacement.enrolmentId!, token.facilitator, "present");
  say(`Records Laura present at the session of ${when(lastVictimSession.startsAt)}.`);

  heading(`${PEOPLE.programme.name}, programme staff of "${PROGRAMME_NAME}"`);
  const programmePast = await pastSessions(programme.json.id, token.programme);
  if (programmePast.length < 3)
    throw new StoryStepError(`expected 3 held sessions, found ${programmePast.length}`);
  const marks: Array<[Session, string, string | undefined]> = [
    [programmePast[0]!, "present", undefined],
    [programmePast[1]!, "absent", NOTES.absent],
    [programmePast[2]!, "absent", NOTES.absent],
  ];
  for (const [session, status, note] of marks) {
    await mark(session.id, authorPlacement.enrolmentId!, token.programme, status, note);
    say(`Records Kevin ${status} on ${when(session.startsAt)}${note ? ` ("${note}")` : ""}.`);
  }
  const report = await call<{
    compliance: {
      attended: number;
      unexcusedAbsences: number;
      required: number;
      breached: Array<{ kind: string }>;
    };
  }>(svc.groups, "GET", `/v1/enrolments/${authorPlacement.enrolmentId}/attendance-report`, {
    token: token.programme,
  });
  const compliance = report.json.compliance;
  say(
    `His attendance report: ${compliance.attended} attended, ${compliance.unexcusedAbsences} unexcused absences, ` +
      `${compliance.required} required; steps reached: ${compliance.breached.map((b) => b.kind).join(", ") || "none"}.`,
  );

  heading(`${PEOPLE.justice.authority}, inbox ${PEOPLE.justice.email}`);
  const justiceWarning = await mail(
    "the warning to the justice house",
    (m) => m.to.includes(PEOPLE.justice.email) && m.subject.includes(caseReference),
  );
  if (justiceWarning) {
    say(`"${justiceWarning.subject}"`);
    for (const line of justiceWarning.text.split("\n").filter(Boolean)) say(`  ${line}`);
    if (justiceWarning.id.endsWith(".eml")) say(`  file: ${justiceWarning.id}`);
  } else say("The warning went out by e-mail (SMTP_URL is set, so not shown here).");

  // --- 8. What the police see -----------------------------------------------------------------
  heading(`${PEOPLE.police.name}, police zone Seraing-Neupré, again`);
  const status = await eventually(
    "the police status in_support",
    async () => {
      const answer = await call<{ status: string; firstContactAt: string | null }>(
        svc.referrals,
        "GET",
        `/v1/referrals/${referralId}/status`,
        { token: token.police },
      );
      return answer.json.status === "in_support" ? answer : undefined;
    },
    timeoutMs,
  );
  const secrets = [
    PEOPLE.victim.name,
    PEOPLE.author.name,
    "Peeters",
    "Dubois",
    PEOPLE.victim.phone,
    PEOPLE.author.phone,
    PEOPLE.victim.email,
    PEOPLE.author.email,
    PEOPLE.justice.email,
    caseReference,
    ...Object.values(NOTES),
  ];
  const leaked = secrets.filter((s) => status.text.toLowerCase().includes(s.toLowerCase()));
  const full = await call(svc.referrals, "GET", `/v1/referrals/${referralId}`, {
    token: token.police,
    expect: [403, 404],
  });
  say(`GET /v1/referrals/${referralId}/status →`);
  say(`  status "${status.json.status}", first contact ${when(status.json.firstContactAt)}`);
  say(`  ${status.text}`);
  say(
    leaked.length === 0
      ? `No name, phone, e-mail or note in it (checked ${secrets.length} values). The full referral: ${full.status}.`
      : `LEAKED to the police: ${leaked.join(", ")}`,
  );

  return {
    runId,
    referralId,
    incidentReference,
    victimGroupId: victimGroup.json.id,
    programmeId: programme.json.id,
    victim: {
      ...PEOPLE.victim,
      personRef: refOf("victim"),
      taskId: victimTask.id,
      groupId: victimPlacement.groupId!,
      enrolmentId: victimPlacement.enrolmentId!,
      invite: victimInvite,
      reminders: victimReminder ? [victimReminder] : [],
      attemptOutcomes: ["no_answer", "reached"],
      retryDueAt: first.json.dueAt,
    },
    author: {
      ...PEOPLE.author,
      personRef: refOf("author"),
      taskId: authorTask.id,
      groupId: authorPlacement.groupId!,
      enrolmentId: authorPlacement.enrolmentId!,
      invite: authorInvite,
      reminders: authorReminder ? [authorReminder] : [],
      caseReference,
      justiceEmail: PEOPLE.justice.email,
    },
    teamAlerts,
    justiceWarning,
    compliance: {
      attended: compliance.attended,
      unexcusedAbsences: compliance.unexcusedAbsences,
      required: compliance.required,
      breached: compliance.breached.map((b) => b.kind),
    },
    police: {
      status: status.json.status,
      firstContactAt: status.json.firstContactAt,
      body: status.text,
      leaked,
      fullReferral: full.status,
    },
    secrets,
  };
}
