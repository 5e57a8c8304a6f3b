// Scenes 2 and 3: the victim's call-back falls due (the team is alerted), a first attempt fails
// and a second reaches her; the author's worker reaches him at once and he agrees to a programme
// under a justice mandate. Each worker sees only their own person.
import type { Mail } from "../../story-mail.js";
import {
  all,
  type ClaimedTask,
  call,
  check,
  eventually,
  type Mandate,
  type StoryContext,
  type Task,
} from "../context.js";
import { AUTHOR_TEAM, NOTES, PEOPLE, VICTIM_TEAM } from "../people.js";
import { local, when } from "../time.js";

interface ReferralAsWorker {
  persons: Array<{ role: string; task: { attempts: Array<{ at: string; outcome: string }> } | null }>;
}

function dueTask(ctx: StoryContext, referralId: string, token: string, role: string): Promise<Task> {
  return eventually(
    `the ${role}'s call-back in the queue, due`,
    async () =>
      (await all<Task>(ctx.svc.referrals, `/v1/callbacks?role=${role}`, token)).find(
        (t) => t.referralId === referralId && t.due,
      ),
    ctx.timeoutMs,
  );
}

const claim = (ctx: StoryContext, task: string, token: string) =>
  call<ClaimedTask>(ctx.svc.referrals, "POST", `/v1/callbacks/${task}/claim`, { token });

const attempt = (
  ctx: StoryContext,
  task: string,
  token: string,
  what: string,
  body: Record<string, unknown>,
) =>
  call<Task>(ctx.svc.referrals, "POST", `/v1/callbacks/${task}/attempts`, {
    token,
    key: ctx.key(what),
    body,
  });

export interface VictimCallBack {
  task: Task;
  alert?: Mail;
  /** What the worker saw of her on claiming the task. */
  seen: ClaimedTask["person"];
  retryDueAt: string;
  attempts: number;
  /** The attempts as the referrals service recorded them, in order. */
  attemptOutcomes: string[];
}

const TEAMS = {
  victim: { team: VICTIM_TEAM, worker: "victimWorker" },
  author: { team: AUTHOR_TEAM, worker: "authorWorker" },
} as const;

/** The role's call-back worker finds the due task, which must be their team's. */
async function openTeamTask(ctx: StoryContext, referralId: string, role: keyof typeof TEAMS) {
  const { team, worker } = TEAMS[role];
  ctx.heading(`${PEOPLE[worker].name}, call-back worker, team ${team}`);
  const token = ctx.token[worker];
  const task = await dueTask(ctx, referralId, token, role);
  check(task.team === team, `the ${role}'s task went to ${task.team}`);
  return { token, task };
}

/** The call-back alert the role's team inbox got for the task. */
function teamAlert(ctx: StoryContext, role: keyof typeof TEAMS, task: Task) {
  const { team } = TEAMS[role];
  return ctx.mail(
    `the ${role} team's call-back alert`,
    (m) => m.to.includes(`${team}@teams.relais.example`) && m.text.includes(task.id),
  );
}

export async function callBackVictim(ctx: StoryContext, referralId: string): Promise<VictimCallBack> {
  const { token, task } = await openTeamTask(ctx, referralId, "victim");
  ctx.say(
    `Her queue shows a HIGH-risk call-back, due ${when(task.dueAt)}, SLA deadline ${when(task.slaDeadline)}.`,
  );
  const alert = await teamAlert(ctx, "victim", task);
  if (alert) ctx.say(`The team inbox got: "${alert.subject}"`);

  const claimed = await claim(ctx, task.id, token);
  const seen = claimed.json.person;
  const prefs = seen.preferences;
  ctx.say(`Claims it and sees: ${seen.displayName}, ${seen.contact.phone}, language ${seen.language};`);
  ctx.say(
    `  safe to call every day ${prefs.safeWindows.map((w) => `${w.from}–${w.to}`).join(", ")}, ` +
      `by ${prefs.channels.join("/")}, voicemail ${prefs.voicemailAllowed ? "allowed" : "NOT allowed"}.`,
  );
  const first = await attempt(ctx, task.id, token, "victim:attempt:1", {
    outcome: "no_answer",
    channel: "phone",
    note: NOTES.firstTry,
  });
  check(first.json.attempts === 1, `after the first attempt the task counts ${first.json.attempts}`);
  check(Date.parse(first.json.dueAt) > ctx.now().getTime(), "the retry is not planned in the future");
  ctx.say(
    `Calls: no answer (attempt ${first.json.attempts}). The claim is released; the next try is due ${when(first.json.dueAt)}.`,
  );
  await claim(ctx, task.id, token);
  const second = await attempt(ctx, task.id, token, "victim:attempt:2", {
    outcome: "reached",
    channel: "phone",
    note: NOTES.reached,
  });
  check(second.json.reachedAt !== null, "the second attempt reached her, yet the task has no reachedAt");
  ctx.say(`Tries again within her safe window and reaches her (attempt ${second.json.attempts}).`);
  ctx.say(`She would like to join a victims' peer group.`);

  const referral = await call<ReferralAsWorker>(ctx.svc.referrals, "GET", `/v1/referrals/${referralId}`, {
    token,
  });
  const victim = referral.json.persons.find((p) => p.role === "victim");
  return {
    task,
    alert,
    seen,
    retryDueAt: first.json.dueAt,
    attempts: second.json.attempts,
    attemptOutcomes: [...(victim?.task?.attempts ?? [])]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((a) => a.outcome),
  };
}

export interface AuthorCallBack {
  task: Task;
  alert?: Mail;
  /** What the author's worker may read of the referral: never the victim's notes. */
  referralText: string;
  mandate: Mandate;
}

export async function callBackAuthor(ctx: StoryContext, referralId: string): Promise<AuthorCallBack> {
  const { token, task } = await openTeamTask(ctx, referralId, "author");
  ctx.say(
    `His queue shows the author's call-back (HIGH), due ${when(task.dueAt)} — he never sees the victim's notes.`,
  );
  const alert = await teamAlert(ctx, "author", task);
  await claim(ctx, task.id, token);
  await attempt(ctx, task.id, token, "author:attempt:1", {
    outcome: "reached",
    channel: "phone",
    note: NOTES.authorReached,
  });
  const referral = await call<ReferralAsWorker>(ctx.svc.referrals, "GET", `/v1/referrals/${referralId}`, {
    token,
  });
  const deadline = new Date(Date.UTC(ctx.year + 1, local(ctx.start).month - 1, 1)).toISOString().slice(0, 10);
  const mandate = {
    authority: PEOPLE.justice.authority,
    contactEmail: PEOPLE.justice.email,
    caseReference: ctx.caseReference,
    requiredSessions: 20,
    deadline,
  };
  ctx.say(
    `Reaches Kevin Dubois at once. He agrees to a programme under a mandate of the ${mandate.authority}:`,
  );
  ctx.say(`  case ${ctx.caseReference}, ${mandate.requiredSessions} sessions required by ${deadline}.`);
  return { task, alert, referralText: referral.text, mandate };
}

/** Both workers close their task: support accepted, a group place requested. */
export async function recordOutcomes(
  ctx: StoryContext,
  victimTask: string,
  authorTask: string,
  mandate: Mandate,
): Promise<void> {
  ctx.heading("Both call-back workers record the outcome");
  const outcome = (task: string, token: string, what: string, body: Record<string, unknown>) =>
    call<Task>(ctx.svc.referrals, "POST", `/v1/callbacks/${task}/outcome`, {
      token,
      key: ctx.key(what),
      body,
    });
  await outcome(victimTask, ctx.token.victimWorker, "victim:outcome", {
    outcome: "accepted",
    group: { kind: "victim_peer" },
    note: NOTES.victimOutcome,
  });
  ctx.say(`${PEOPLE.victimWorker.name}: support accepted, a place in a victims' peer group requested.`);
  await outcome(authorTask, ctx.token.authorWorker, "author:outcome", {
    outcome: "accepted",
    group: { kind: "perpetrator", mandate },
    note: NOTES.authorOutcome,
  });
  ctx.say(`${PEOPLE.authorWorker.name}: support accepted, a programme place requested with the mandate.`);
}
