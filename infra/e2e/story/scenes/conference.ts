// Scene 9: a case conference (issue 17). The coordinator schedules a monthly conference with two
// partner organisations, the parquet and the CPAS; each gets its own calendar invite. She puts the
// story's referral on the agenda, confidential to the parquet, with a summary written for the
// conference, and records a decision with an action for the parquet. The parquet reads its item
// and only the summary; the CPAS, invited too, sees no item at all.
import type { Mail } from "../../story-mail.js";
import { type Answer, call, check, eventually, type StoryContext } from "../context.js";
import { CONFERENCE, NOTES, PEOPLE, POLICE_ZONE, STORY_MUNICIPALITY } from "../people.js";
import { local } from "../time.js";

interface ConferenceView {
  id: string;
  invitees: Array<{ id: string; organisation: string; email?: string }>;
  items: Array<{ id: string; summary: string; referralId?: string }>;
}

export interface ConferenceOutcome {
  conferenceId: string;
  itemId: string;
  actionId: string;
  /** What each partner read of the conference: item ids, and the whole answer. */
  parquet: { items: string[]; body: string; actions: string[] };
  cpas: { items: string[]; body: string };
  /** Each partner's invite, when the story can read the mail. */
  invites: { parquet?: Mail; cpas?: Mail };
  /** Story values (persons, notes) found in a partner's answers. */
  leaked: string[];
}

export async function holdCaseConference(ctx: StoryContext, referralId: string): Promise<ConferenceOutcome> {
  const svc = ctx.svc.conferences;
  ctx.heading(`${CONFERENCE.coordinator.name}, coordinator`);
  await eventually(
    "the referral known to conferences",
    async () => {
      const known = await call<{ items: Array<{ referralId: string }> }>(svc, "GET", "/v1/known-referrals", {
        token: ctx.token.coordinator,
      });
      return known.json.items.some((r) => r.referralId === referralId) || undefined;
    },
    ctx.timeoutMs,
  );
  // Second Tuesdays from next month on, 14:00 Brussels time, six times (the service places the
  // first meeting on the rule's first occurrence); the action is due on the 20th of the month after.
  const today = local(ctx.start);
  const month = (offset: number) => {
    const index = today.year * 12 + today.month - 1 + offset;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  };
  const created = await call<ConferenceView>(svc, "POST", "/v1/conferences", {
    token: ctx.token.coordinator,
    key: ctx.key("conference"),
    body: {
      title: CONFERENCE.title,
      policeZone: POLICE_ZONE,
      municipality: STORY_MUNICIPALITY,
      location: "Salle de concertation, hôtel de police de Seraing",
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: `${month(1)}-01T14:00`,
        rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
        durationMinutes: 120,
      },
      invitees: [
        {
          organisation: CONFERENCE.parquet.org,
          organisationName: CONFERENCE.parquet.name,
          role: "partner",
          email: CONFERENCE.parquet.email,
          language: "fr",
        },
        {
          organisation: CONFERENCE.cpas.org,
          organisationName: CONFERENCE.cpas.name,
          role: "partner",
          email: CONFERENCE.cpas.email,
          language: "nl",
        },
      ],
    },
  });
  const conference = created.json;
  const parquet = conference.invitees.find((i) => i.organisation === CONFERENCE.parquet.org);
  check(parquet, "the parquet is not among the invitees");
  ctx.say(
    `Scheduled "${CONFERENCE.title}" (monthly, second Tuesday 14:00), inviting the parquet and the CPAS.`,
  );

  const item = await call<{ id: string }>(svc, "POST", `/v1/conferences/${conference.id}/items`, {
    token: ctx.token.coordinator,
    key: ctx.key("conference-item"),
    body: {
      referralId,
      summary: CONFERENCE.summary,
      question: CONFERENCE.question,
      confidential: true,
      audience: [parquet.id],
    },
  });
  await call(svc, "POST", `/v1/conferences/${conference.id}/items/${item.json.id}/decisions`, {
    token: ctx.token.coordinator,
    key: ctx.key("conference-decision"),
    body: {
      text: CONFERENCE.decision,
      actions: [{ ownerInviteeId: parquet.id, description: CONFERENCE.action, dueDate: `${month(2)}-20` }],
    },
  });
  ctx.say(
    "On the agenda: the story's referral, confidential to the parquet; a decision and an action for it.",
  );

  const invites = {
    parquet: await ctx.mail(
      "the parquet's conference invite",
      (m) => m.to.includes(CONFERENCE.parquet.email) && m.ics !== null,
    ),
    cpas: await ctx.mail(
      "the CPAS's conference invite",
      (m) => m.to.includes(CONFERENCE.cpas.email) && m.ics !== null,
    ),
  };

  ctx.heading(`${CONFERENCE.parquet.name} and ${CONFERENCE.cpas.name}, partners`);
  const read = (token: string): Promise<Answer<ConferenceView>> =>
    call<ConferenceView>(svc, "GET", `/v1/conferences/${conference.id}`, { token });
  const asParquet = await read(ctx.token.parquet);
  const asCpas = await read(ctx.token.cpas);
  const actions = await call<{ items: Array<{ id: string }> }>(svc, "GET", "/v1/my/actions", {
    token: ctx.token.parquet,
  });
  const minutes = await call<string>(svc, "GET", `/v1/conferences/${conference.id}/minutes`, {
    token: ctx.token.parquet,
  });
  const secrets = [
    PEOPLE.victim.name,
    PEOPLE.author.name,
    PEOPLE.victim.phone,
    PEOPLE.victim.email,
    PEOPLE.author.email,
    ...Object.values(NOTES),
  ];
  const leaked = [asParquet.text, asCpas.text, minutes.text].flatMap((text) =>
    secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase())),
  );
  ctx.say(
    `The parquet sees ${asParquet.json.items.length} item (the summary only); the CPAS ${asCpas.json.items.length}.`,
  );
  const actionId = actions.json.items[0]?.id;
  check(actionId, "the parquet owns no action");
  return {
    conferenceId: conference.id,
    itemId: item.json.id,
    actionId,
    parquet: {
      items: asParquet.json.items.map((i) => i.id),
      body: asParquet.text,
      actions: actions.json.items.map((a) => a.id),
    },
    cpas: { items: asCpas.json.items.map((i) => i.id), body: asCpas.text },
    invites,
    leaked,
  };
}
