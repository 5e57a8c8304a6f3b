// What every scene of the story works with: the services, each person's token, the mailbox, the
// narrator, and the story's HTTP calls. A scene that sees something other than the story expects
// stops the story with a StoryStepError saying what and where.
import type { Role } from "@relais/contracts";
import { waitForValue } from "@relais/testing";
import { jsonRequest } from "../http.js";
import { type Mail, type Mailbox, waitForMail } from "../story-mail.js";
import { AUTHOR_TEAM, CONFERENCE, PEOPLE, POLICE_ZONE, VICTIM_TEAM } from "./people.js";
import { digits, local, storySafeWindow } from "./time.js";

export interface StoryServices {
  groups: string;
  referrals: string;
  notifications: string;
  housing: string;
  conferences: string;
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

export class StoryStepError extends Error {}

/** Stops the story when what a scene saw is not what it expects. */
export function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new StoryStepError(what);
}

export interface Answer<T> {
  status: number;
  json: T;
  text: string;
}

export interface StoryContext {
  svc: StoryServices;
  runId: string;
  key(what: string): string;
  say(line: string): void;
  heading(who: string): void;
  /** The first mail matching, once it arrives; undefined when the story cannot read the mail. */
  mail(what: string, matches: (m: Mail) => boolean): Promise<Mail | undefined>;
  timeoutMs: number;
  now(): Date;
  start: Date;
  year: number;
  safeWindow: { days: number[]; from: string; to: string };
  incidentReference: string;
  caseReference: string;
  reminderLeadSeconds: number;
  token: {
    police: string;
    victimWorker: string;
    authorWorker: string;
    facilitator: string;
    programme: string;
    housingStaff: string;
    coordinator: string;
    parquet: string;
    cpas: string;
  };
}

export async function openStory(options: StoryOptions): Promise<StoryContext> {
  const say = options.say ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const start = now();
  const year = local(start).year;
  const mailbox = options.mailbox;
  return {
    svc: options.services,
    runId: options.runId,
    key: (what) => `${options.runId}:${what}`,
    say,
    heading: (who) => say(`\n── ${who} ${"─".repeat(Math.max(4, 76 - who.length))}`),
    mail: (what, matches) =>
      mailbox ? waitForMail(mailbox, what, matches, timeoutMs) : Promise.resolve(undefined),
    timeoutMs,
    now,
    start,
    year,
    safeWindow: storySafeWindow(start),
    incidentReference: `LI.55.L7.${digits(options.runId, 6)}/${String(year).slice(2)}`,
    caseReference: `MJ-LIE/${year}/${digits(`${options.runId}:mandate`, 5)}`,
    reminderLeadSeconds: options.reminderLeadSeconds ?? 30,
    token: {
      police: await options.token("police", PEOPLE.police.sub, { zone: POLICE_ZONE }),
      victimWorker: await options.token("caseworker", PEOPLE.victimWorker.sub, { teams: [VICTIM_TEAM] }),
      authorWorker: await options.token("caseworker", PEOPLE.authorWorker.sub, { teams: [AUTHOR_TEAM] }),
      facilitator: await options.token("facilitator", PEOPLE.facilitator.sub),
      programme: await options.token("programme_staff", PEOPLE.programme.sub),
      housingStaff: await options.token("housing_staff", PEOPLE.housingStaff.sub),
      coordinator: await options.token("coordinator", CONFERENCE.coordinator.sub),
      // Partners of other organisations: their tokens carry their own `org`.
      parquet: await options.token("partner", CONFERENCE.parquet.sub, { org: CONFERENCE.parquet.org }),
      cpas: await options.token("partner", CONFERENCE.cpas.sub, { org: CONFERENCE.cpas.org }),
    },
  };
}

export async function call<T>(
  base: string,
  method: string,
  path: string,
  init: { token: string; body?: unknown; key?: string; expect?: number[] },
): Promise<Answer<T>> {
  const answer = await jsonRequest<T>(`${base}${path}`, { method, ...init });
  const expect = init.expect ?? [200, 201];
  if (!expect.includes(answer.status)) {
    throw new StoryStepError(`${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 600)}`);
  }
  return answer;
}

/** Polls `probe` until it finds something; the story stops if it does not within `timeoutMs`. */
export function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  return waitForValue(probe, { timeoutMs, message: what }).catch((error: Error) => {
    throw new StoryStepError(error.message);
  });
}

/** Every item of a cursor-paginated list. */
export async function all<T>(base: string, path: string, token: string): Promise<T[]> {
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

// --- what the services answer, as far as the story reads it ------------------------------------

export interface Task {
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
export interface ClaimedTask extends Task {
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
export interface Group {
  id: string;
  kind: string;
  publicName: string;
  admission: string;
  facilitators: Array<{ sub: string }>;
}
export interface Session {
  id: string;
  startsAt: string;
  status: string;
}
export interface Placement {
  referralId: string;
  personRef: string;
  status: string;
  groupId: string | null;
  enrolmentId: string | null;
}
export interface Mandate {
  authority: string;
  contactEmail: string;
  caseReference: string;
  requiredSessions: number;
  deadline: string;
}
