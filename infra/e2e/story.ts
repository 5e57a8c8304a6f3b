// The Relais story, end to end, over HTTP only, as scenes (story/scenes/): police file a
// referral; the victim's call-back falls due, a first attempt fails and a second reaches her; the
// author accepts a perpetrator programme under a justice mandate; groups places both; both get
// their invites and reminders; attendance is recorded and the author's second unexcused absence
// warns the justice house; the police see "in_support" and nothing personal; a case conference
// with two partner organisations puts the referral on its agenda, confidential to the parquet.
// After her call-back the victim gets an emergency place, and its address in one discreet message. Each scene checks
// what it saw and returns it; `story.test.ts` asserts on what the services answered, `pnpm demo`
// narrates it for a person, the at-rest scan runs it before reading every byte the stack wrote.
//
// Time is real: the groups are set up with their first three weekly sessions already behind us
// (rolling admission lets people join a running group), so attendance can be recorded now, and
// the next session is less than a day ahead, so its reminder is due at once.

import { openStory, type StoryOptions } from "./story/context.js";
import { PEOPLE } from "./story/people.js";
import { takeAttendance } from "./story/scenes/attendance.js";
import { callBackAuthor, callBackVictim, recordOutcomes } from "./story/scenes/call-backs.js";
import { type ConferenceOutcome, holdCaseConference } from "./story/scenes/conference.js";
import { policeFileReferral } from "./story/scenes/file-referral.js";
import { openGroups } from "./story/scenes/groups.js";
import { type EmergencyPlacement, emergencyPlacement } from "./story/scenes/housing.js";
import { inviteAndRemind, placePeople } from "./story/scenes/placements.js";
import { type PoliceView, policeFollowUp, storySecrets } from "./story/scenes/police-view.js";
import type { Mail } from "./story-mail.js";

export type { StoryOptions, StoryServices, TokenFor } from "./story/context.js";
export { AUTHOR_TEAM, POLICE_ZONE, STORY_MUNICIPALITY, VICTIM_TEAM } from "./story/people.js";
export { storySafeWindow, storySchedule, when } from "./story/time.js";

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
  author: PersonOutcome & { caseReference: string; justiceEmail: string; workerView: string };
  teamAlerts: Mail[];
  justiceWarning?: Mail;
  compliance: { attended: number; unexcusedAbsences: number; required: number; breached: string[] };
  police: PoliceView;
  /** The victim's emergency placement after her call-back. */
  housing: EmergencyPlacement;
  conference: ConferenceOutcome;
  /** Everything personal the story put in: none of it may reach the police. */
  secrets: string[];
}

export async function runStory(options: StoryOptions): Promise<StoryResult> {
  const ctx = await openStory(options);
  const filed = await policeFileReferral(ctx);
  const victimCall = await callBackVictim(ctx, filed.referralId);
  const authorCall = await callBackAuthor(ctx, filed.referralId);
  const groups = await openGroups(ctx);
  await recordOutcomes(ctx, victimCall.task.id, authorCall.task.id, authorCall.mandate);
  const refs = { victim: filed.refOf("victim"), author: filed.refOf("author") };
  const housing = await emergencyPlacement(ctx, {
    personRef: refs.victim,
    referralId: filed.referralId,
    taskId: victimCall.task.id,
  });
  const placements = await placePeople(ctx, filed.referralId, refs, groups);
  const mail = await inviteAndRemind(ctx, placements);
  const attendance = await takeAttendance(
    ctx,
    { victimGroup: groups.victimGroup.id, programme: groups.programme.id },
    { victim: placements.victim.enrolmentId, author: placements.author.enrolmentId },
  );
  const police = await policeFollowUp(ctx, filed.referralId);
  const conference = await holdCaseConference(ctx, filed.referralId);

  const person = (role: "victim" | "author", taskId: string): PersonOutcome => ({
    ...PEOPLE[role],
    personRef: refs[role],
    taskId,
    groupId: placements[role].groupId,
    enrolmentId: placements[role].enrolmentId,
    invite: mail[role].invite,
    reminders: mail[role].reminder ? [mail[role].reminder] : [],
  });
  return {
    runId: ctx.runId,
    referralId: filed.referralId,
    incidentReference: ctx.incidentReference,
    victimGroupId: groups.victimGroup.id,
    programmeId: groups.programme.id,
    victim: {
      ...person("victim", victimCall.task.id),
      attemptOutcomes: victimCall.attemptOutcomes,
      retryDueAt: victimCall.retryDueAt,
    },
    author: {
      ...person("author", authorCall.task.id),
      caseReference: ctx.caseReference,
      justiceEmail: PEOPLE.justice.email,
      workerView: authorCall.referralText,
    },
    teamAlerts: [victimCall.alert, authorCall.alert].filter((m): m is Mail => m !== undefined),
    justiceWarning: attendance.justiceWarning,
    compliance: attendance.compliance,
    police,
    housing,
    conference,
    secrets: storySecrets(ctx.caseReference),
  };
}
