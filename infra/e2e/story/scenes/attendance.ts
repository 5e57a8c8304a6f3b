// Scene 7: attendance. The facilitator records the victim present; programme staff record the
// author present once and absent twice without excuse: the second unexcused absence reaches the
// programme's warning step, and notifications tells the justice house.
import type { Mail } from "../../story-mail.js";
import { call, check, type Session, type StoryContext } from "../context.js";
import { NOTES, PEOPLE, PROGRAMME_NAME, VICTIM_GROUP_NAME } from "../people.js";
import { when } from "../time.js";

export interface Compliance {
  attended: number;
  unexcusedAbsences: number;
  required: number;
  breached: string[];
}

export async function takeAttendance(
  ctx: StoryContext,
  groups: { victimGroup: string; programme: string },
  enrolments: { victim: string; author: string },
): Promise<{ compliance: Compliance; justiceWarning?: Mail }> {
  const pastSessions = async (groupId: string, token: string) => {
    const list = await call<{ items: Session[] }>(ctx.svc.groups, "GET", `/v1/groups/${groupId}/sessions`, {
      token,
    });
    const at = ctx.now().getTime();
    return list.json.items
      .filter((s) => s.status !== "cancelled" && Date.parse(s.startsAt) <= at)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  };
  const mark = (sessionId: string, enrolmentId: string, token: string, status: string, note?: string) =>
    call(ctx.svc.groups, "PUT", `/v1/sessions/${sessionId}/attendance/${enrolmentId}`, {
      token,
      body: note ? { status, note } : { status },
    });

  ctx.heading(`${PEOPLE.facilitator.name}, facilitator of "${VICTIM_GROUP_NAME}"`);
  ctx.say("(Time is compressed: the sessions held before today are marked as if Laura and Kevin had");
  ctx.say(" joined the groups at their start.)");
  const victimPast = await pastSessions(groups.victimGroup, ctx.token.facilitator);
  const lastVictimSession = victimPast.at(-1);
  check(lastVictimSession, "the victims' group has no session held");
  await mark(lastVictimSession.id, enrolments.victim, ctx.token.facilitator, "present");
  ctx.say(`Records Laura present at the session of ${when(lastVictimSession.startsAt)}.`);

  ctx.heading(`${PEOPLE.programme.name}, programme staff of "${PROGRAMME_NAME}"`);
  const programmePast = await pastSessions(groups.programme, ctx.token.programme);
  check(programmePast.length >= 3, `expected 3 held sessions, found ${programmePast.length}`);
  const marks: Array<[Session, string, string | undefined]> = [
    [programmePast[0]!, "present", undefined],
    [programmePast[1]!, "absent", NOTES.absent],
    [programmePast[2]!, "absent", NOTES.absent],
  ];
  for (const [session, status, note] of marks) {
    await mark(session.id, enrolments.author, ctx.token.programme, status, note);
    ctx.say(`Records Kevin ${status} on ${when(session.startsAt)}${note ? ` ("${note}")` : ""}.`);
  }
  const report = await call<{
    compliance: {
      attended: number;
      unexcusedAbsences: number;
      required: number;
      breached: Array<{ kind: string }>;
    };
  }>(ctx.svc.groups, "GET", `/v1/enrolments/${enrolments.author}/attendance-report`, {
    token: ctx.token.programme,
  });
  const c = report.json.compliance;
  const compliance = { ...c, breached: c.breached.map((b) => b.kind) };
  ctx.say(
    `His attendance report: ${c.attended} attended, ${c.unexcusedAbsences} unexcused absences, ` +
      `${c.required} required; steps reached: ${compliance.breached.join(", ") || "none"}.`,
  );

  ctx.heading(`${PEOPLE.justice.authority}, inbox ${PEOPLE.justice.email}`);
  const justiceWarning = await ctx.mail(
    "the warning to the justice house",
    (m) => m.to.includes(PEOPLE.justice.email) && m.subject.includes(ctx.caseReference),
  );
  if (justiceWarning) {
    ctx.say(`"${justiceWarning.subject}"`);
    for (const line of justiceWarning.text.split("\n").filter(Boolean)) ctx.say(`  ${line}`);
    if (justiceWarning.id.endsWith(".eml")) ctx.say(`  file: ${justiceWarning.id}`);
  } else ctx.say("The warning went out by e-mail (SMTP_URL is set, so not shown here).");
  return { compliance, justiceWarning };
}
