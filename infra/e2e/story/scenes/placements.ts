// Scenes 5 and 6: groups places both persons from the outcomes (an event from referrals), and
// notifications sends each their invite and, as the next session is near, its reminder.
import { icsHighlights, type Mail } from "../../story-mail.js";
import { all, check, eventually, type Group, type Placement, type StoryContext } from "../context.js";
import { PEOPLE, PROGRAMME_NAME, VICTIM_GROUP_NAME } from "../people.js";

export interface Placements {
  victim: Placement & { groupId: string; enrolmentId: string };
  author: Placement & { groupId: string; enrolmentId: string };
}

export async function placePeople(
  ctx: StoryContext,
  referralId: string,
  refs: { victim: string; author: string },
  groups: { victimGroup: Group; programme: Group },
): Promise<Placements> {
  const placed = (token: string, kind: string, personRef: string, group: Group) =>
    eventually(
      `the ${kind} placement`,
      async () =>
        (await all<Placement>(ctx.svc.groups, `/v1/placements?status=placed&kind=${kind}`, token)).find(
          (p) => p.referralId === referralId && p.personRef === personRef,
        ),
      ctx.timeoutMs,
    ).then((p) => {
      check(
        p.groupId === group.id,
        `placed in group ${p.groupId}, expected "${group.publicName}" (${group.id})`,
      );
      check(p.enrolmentId, `the ${kind} placement has no enrolment`);
      return p as Placement & { groupId: string; enrolmentId: string };
    });
  return {
    victim: await placed(ctx.token.facilitator, "victim_peer", refs.victim, groups.victimGroup),
    author: await placed(ctx.token.programme, "perpetrator", refs.author, groups.programme),
  };
}

export interface PersonMail {
  invite?: Mail;
  reminder?: Mail;
}

const isReminder = (m: Mail) => m.ics === null && /rappel|herinnering|reminder/i.test(m.subject);

export async function inviteAndRemind(
  ctx: StoryContext,
  placements: Placements,
): Promise<{ victim: PersonMail; author: PersonMail }> {
  const show = (m: Mail | undefined, label: string) => {
    if (!m) return ctx.say(`${label}: sent by e-mail (SMTP_URL is set, so not shown here)`);
    ctx.say(`${label}: "${m.subject}" from ${m.from}`);
    ctx.say(`  ${m.text.split("\n").filter(Boolean).slice(0, 3).join(" / ")}`);
    if (m.ics) for (const line of icsHighlights(m.ics)) ctx.say(`  ics │ ${line}`);
    if (m.id.endsWith(".eml")) ctx.say(`  file: ${m.id}`);
  };
  const mailsOf = async (email: string): Promise<PersonMail> => ({
    invite: await ctx.mail(`the invite to ${email}`, (m) => m.to.includes(email) && m.ics !== null),
    reminder: await ctx.mail(`the reminder to ${email}`, (m) => m.to.includes(email) && isReminder(m)),
  });

  ctx.heading(`${PEOPLE.victim.name} (victim), inbox ${PEOPLE.victim.email}`);
  const victim = await mailsOf(PEOPLE.victim.email);
  ctx.say(
    `Placed in "${VICTIM_GROUP_NAME}" (enrolment ${placements.victim.enrolmentId}). She asked for discretion:`,
  );
  show(victim.invite, "Invite");
  show(victim.reminder, "Reminder");

  ctx.heading(`${PEOPLE.author.name} (author), inbox ${PEOPLE.author.email}`);
  const author = await mailsOf(PEOPLE.author.email);
  ctx.say(`Placed in "${PROGRAMME_NAME}" (enrolment ${placements.author.enrolmentId}), mandate attached.`);
  show(author.invite, "Invite");
  show(author.reminder, "Reminder");
  return { victim, author };
}
