// Scene 4: the facilitator and programme staff open the groups people will be placed in. Set up
// now, with their first three weekly sessions already held, so that attendance can be recorded at
// once and the next session starts two hours (and a few seconds) after the people are enrolled:
// its 2 h reminder goes out during the run. A reminder whose moment passed before the enrolment is
// never planned (notifications' reminder plan), so a 24 h one cannot.
import { all, call, check, type Group, type StoryContext } from "../context.js";
import { PEOPLE, PROGRAMME_NAME, STORY_MUNICIPALITY, VICTIM_GROUP_NAME, ZONE } from "../people.js";
import { storySchedule, when } from "../time.js";

export interface OpenedGroups {
  victimGroup: Group;
  programme: Group;
  /** The next session, an instant less than a day ahead. */
  nextSessionAt: string;
  /** Groups of earlier runs whose intake was closed, so this run's people land in this run's groups. */
  closedEarlier: number;
}

export async function openGroups(ctx: StoryContext): Promise<OpenedGroups> {
  ctx.heading(
    `Meanwhile: ${PEOPLE.facilitator.name} (facilitator) and ${PEOPLE.programme.name} (programme staff)`,
  );
  const schedule = storySchedule(ctx.now(), ctx.reminderLeadSeconds);
  // Placement takes the oldest matching group with a seat: earlier runs' groups close their intake.
  const earlier = [
    ...(await all<Group>(
      ctx.svc.groups,
      `/v1/groups?kind=victim_peer&municipality=${STORY_MUNICIPALITY}&facilitator=${PEOPLE.facilitator.sub}`,
      ctx.token.facilitator,
    )),
    ...(await all<Group>(
      ctx.svc.groups,
      `/v1/groups?kind=perpetrator&municipality=${STORY_MUNICIPALITY}`,
      ctx.token.programme,
    )),
  ].filter(
    (g) =>
      g.admission === "rolling" &&
      (g.publicName.startsWith(VICTIM_GROUP_NAME) || g.publicName.startsWith(PROGRAMME_NAME)) &&
      g.facilitators.some((f) => f.sub === PEOPLE.facilitator.sub || f.sub === PEOPLE.programme.sub),
  );
  for (const group of earlier) {
    const owner = group.kind === "perpetrator" ? ctx.token.programme : ctx.token.facilitator;
    await call(ctx.svc.groups, "PATCH", `/v1/groups/${group.id}`, {
      token: owner,
      body: { admission: "closed" },
    });
  }
  if (earlier.length > 0)
    ctx.say(`(closed the intake of ${earlier.length} group(s) left by earlier demo runs)`);

  const weekly = (count: number) => ({
    timeZone: ZONE,
    dtstart: schedule.dtstart,
    rrule: `FREQ=WEEKLY;COUNT=${count}`,
    durationMinutes: 120,
  });
  const victimGroup = await call<Group>(ctx.svc.groups, "POST", "/v1/groups", {
    token: ctx.token.facilitator,
    key: ctx.key("group:victims"),
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
  const programme = await call<Group>(ctx.svc.groups, "POST", "/v1/groups", {
    token: ctx.token.programme,
    key: ctx.key("group:programme"),
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
  check(victimGroup.status === 201 && programme.status === 201, "a group was not created");
  ctx.say(`Open "${VICTIM_GROUP_NAME}" (victim peer group, fr, Seraing, 10 seats, rolling admission)`);
  ctx.say(`and "${PROGRAMME_NAME}" (perpetrator programme, fr, 22 weekly sessions of 2 h, 9 seats).`);
  ctx.say(`Both meet weekly and began three weeks ago; the next session is ${when(schedule.next)}`);
  ctx.say(`(two hours from now, so that its 2-hour reminder goes out during this run).`);
  return {
    victimGroup: victimGroup.json,
    programme: programme.json,
    nextSessionAt: schedule.next,
    closedEarlier: earlier.length,
  };
}
