// Real records of one organisation, made through the services' own APIs and events: what the
// role matrix and other attacks aim at, so that a leak across organisations would show (a
// made-up id is refused whether or not the check works).
import { randomUUID } from "node:crypto";
import { waitFor, waitForValue } from "@relais/testing";
import { DateTime } from "luxon";
import { connect } from "nats";
import { flowReferral, runFlow, setUpFlow } from "./flow.js";
import { jsonRequest, ORG, send, tokenFor } from "./http.js";
import type { Stack } from "./stack.js";

/** The police zone the organisation registered a webhook for. */
export const WEBHOOK_ZONE = "5300";

export interface Owned {
  group: string;
  session: string;
  enrolment: string;
}

export interface RealRecords {
  /** A referral whose two call-back tasks are still open. */
  referral: string;
  task: string;
  personRef: string;
  /** The victims' group (run by the facilitator) and the programme (run by programme staff). */
  victims: Owned;
  programme: Owned;
  message: string;
  feed: string;
  /** A safety check-in: a victim missed a session that was held. */
  checkIn: string;
  /** An entry of the organisation's resource directory (issue 17). */
  partner: string;
  /** The organisation's criticality grid version (configuration, like a municipality). */
  gridVersion: number;
  /** A criticality assessment of the open referral's victim (services/referrals README). */
  assessment: string;
  /** A dead letter of each service that consumes events (referrals consumes none). */
  /** A case conference of the organisation, inviting its own partner and police, with an item and an action. */
  conference: { id: string; item: string; action: string };
  deadLetters: Partial<Record<"groups" | "notifications" | "referrals" | "conferences" | "housing", string>>;
  /** An emergency place (its address is a secret like a contact) and the open victim's stay in it. */
  housing: { place: string; placement: string; address: string };
  /** Every id and contact value above and in the flow: none may reach another organisation. */
  secrets: string[];
}

/** One JSON call that must answer `status`; the answer's body. */
async function expectJson<T>(
  url: string,
  init: Parameters<typeof jsonRequest>[1],
  status: number,
): Promise<T> {
  const answer = await jsonRequest<T>(url, init);
  if (answer.status !== status)
    throw new Error(`${init.method} ${url}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.json;
}

const getJson = <T>(url: string, token: string) => expectJson<T>(url, { method: "GET", token }, 200);
const postJson = <T>(url: string, token: string, body: unknown, key: string) =>
  expectJson<T>(url, { method: "POST", token, body, key }, 201);

interface Persons {
  persons: Array<{ personRef: string; role: string; task: { id: string } | null }>;
}

/** A directory entry as a coordinator writes it (the role matrix rewrites it with the same body). */
export const PARTNER = {
  name: "CPAS e2e",
  category: "cpas",
  municipalities: ["Seraing"],
  languages: ["fr"],
  howToRefer: "By phone, with the person's consent.",
  contact: { email: "cpas@e2e.example.org" },
};

/** One referral worked to placements (groups, enrolments, invites sent) and one left open. */
export async function seedRealRecords(stack: Stack, tag = "real"): Promise<RealRecords> {
  const { groups, referrals, notifications } = stack.services;
  const coordinator = await tokenFor("coordinator");
  await setUpFlow(stack, tag);
  const flow = await runFlow(stack, { prefix: tag, referrals: 1, concurrency: 1 });

  const open = flowReferral(`${tag}-open`, 1);
  const filed = await postJson<{ id: string }>(
    `${referrals.url}/v1/referrals`,
    await tokenFor("police"),
    open,
    `${tag}-open-referral`,
  );
  const detail = await getJson<Persons>(`${referrals.url}/v1/referrals/${filed.id}`, coordinator);
  const victim = detail.persons.find((p) => p.role === "victim");
  if (!victim?.task) throw new Error("the open referral's victim has no task");

  type Placement = {
    referralId: string;
    groupKind: string;
    groupId: string | null;
    enrolmentId: string | null;
  };
  let placed: Placement[] = [];
  await waitFor(
    async () => {
      const list = await getJson<{ items: Placement[] }>(
        `${groups.url}/v1/placements?status=placed&limit=100`,
        coordinator,
      );
      placed = list.items.filter((p) => p.referralId === flow.referralIds[0] && p.enrolmentId);
      return placed.length === 2;
    },
    { timeoutMs: 30_000, intervalMs: 200, message: "both placements made" },
  );
  const owned = async (kind: string, role: "facilitator" | "programme_staff"): Promise<Owned> => {
    const placement = placed.find((p) => p.groupKind === kind)!;
    const sessions = await getJson<{ items: Array<{ id: string }> }>(
      `${groups.url}/v1/groups/${placement.groupId}/sessions`,
      await tokenFor(role),
    );
    return { group: placement.groupId!, session: sessions.items[0]!.id, enrolment: placement.enrolmentId! };
  };
  const victims = await owned("victim_peer", "facilitator");
  const programme = await owned("perpetrator", "programme_staff");

  let message = "";
  await waitFor(
    async () => {
      const list = await getJson<{ items: Array<{ id: string }> }>(
        `${notifications.url}/v1/messages?limit=1`,
        coordinator,
      );
      message = list.items[0]?.id ?? "";
      return message !== "";
    },
    { timeoutMs: 30_000, intervalMs: 200, message: "a message in the delivery log" },
  );
  const feed = await postJson<{ id: string; url: string }>(
    `${notifications.url}/v1/calendars`,
    await tokenFor("facilitator"),
    {},
    `${tag}-feed`,
  );

  // A police zone with a webhook: its delivery log is a record of the organisation (a zone without
  // one answers 404).
  const hook = await send(`${referrals.url}/v1/police-zones/${WEBHOOK_ZONE}/webhook`, {
    method: "PUT",
    token: coordinator,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: "https://zp5277.police.e2e.example/relais" }),
  });
  if (hook.status !== 200) throw new Error(`PUT webhook: HTTP ${hook.status} ${hook.body.slice(0, 300)}`);
  const partner = await postJson<{ id: string }>(
    `${referrals.url}/v1/directory/partners`,
    coordinator,
    PARTNER,
    `${tag}-partner`,
  );
  // A grid of the organisation and an assessment of the victim, at a level that raises nothing (an
  // escalation would alert the team and change what the other tests count).
  const grid = await postJson<{ version: number }>(
    `${referrals.url}/v1/criticality-grids`,
    coordinator,
    {
      title: `e2e grid ${tag}`,
      questions: [
        {
          id: "threats",
          text: { en: "Threats?" },
          options: [
            { id: "no", label: { en: "No" }, weight: 0 },
            { id: "yes", label: { en: "Yes" }, weight: 5 },
          ],
        },
      ],
      thresholds: { medium: 3, high: 5 },
    },
    `${tag}-grid`,
  );
  const assessment = await postJson<{ id: string }>(
    `${referrals.url}/v1/callbacks/${victim.task.id}/assessments`,
    coordinator,
    { gridVersion: grid.version, answers: { threats: "no" } },
    `${tag}-assessment`,
  );
  const checkIn = await seedCheckIn(stack, tag);
  const housing = await seedHousing(stack, tag, {
    personRef: victim.personRef,
    referralId: filed.id,
    taskId: victim.task.id,
  });
  const deadLetters = await seedDeadLetters(stack);
  const conference = await seedConference(stack, tag, flow.referralIds[0]!);

  const contacts = open.persons.flatMap((p) => [p.contact.phone, p.contact.email]);
  const records = {
    referral: filed.id,
    task: victim.task.id,
    personRef: victim.personRef,
    gridVersion: grid.version,
    assessment: assessment.id,
    victims,
    programme,
    message,
    feed: feed.id,
    checkIn,
    partner: partner.id,
    deadLetters,
    conference,
    housing,
  };
  const secrets = [
    ...flow.referralIds,
    ...detail.persons.map((p) => p.personRef),
    ...Object.values(victims),
    ...Object.values(programme),
    records.task,
    records.assessment,
    message,
    feed.id,
    checkIn,
    partner.id,
    ...Object.values(deadLetters),
    ...Object.values(conference),
    ...CONFERENCE_SECRETS,
    ...Object.values(housing),
    feed.url
      .split("/")
      .pop()!
      .replace(/\.ics$/, ""),
    ...contacts,
    ...flowReferral(tag, 0).persons.flatMap((p) => [p.contact.phone, p.contact.email]),
  ];
  return { ...records, secrets: [...new Set([filed.id, ...secrets])] };
}

/** A rolling victims' group whose first session was held a week ago; a person missed it. */
async function seedCheckIn(stack: Stack, tag: string): Promise<string> {
  const groups = stack.services.groups.url;
  const facilitator = await tokenFor("facilitator");
  const firstAt = new Date(Date.now() - 7 * 86_400_000);
  const dtstart = DateTime.fromJSDate(firstAt, { zone: "Europe/Brussels" }).toFormat("yyyy-MM-dd'T'HH:mm");
  const group = await postJson<{ id: string }>(
    `${groups}/v1/groups`,
    facilitator,
    {
      kind: "victim_peer",
      publicName: `Groupe du mardi ${tag}`,
      language: "fr",
      municipality: "Seraing",
      location: { kind: "venue", address: `Rue de la Gare ${tag}, 4100 Seraing` },
      capacity: 8,
      admission: "rolling",
      facilitators: [{ sub: "e2e-facilitator", email: "e2e-facilitator@staff.e2e.example" }],
      schedule: { timeZone: "Europe/Brussels", dtstart, rrule: "FREQ=WEEKLY;COUNT=4", durationMinutes: 90 },
    },
    `${tag}-checkin-group`,
  );
  const enrolment = await postJson<{ id: string }>(
    `${groups}/v1/groups/${group.id}/enrolments`,
    facilitator,
    { personRef: `prs_${randomUUID()}`, displayName: "Participante" },
    `${tag}-checkin-enrolment`,
  );
  const sessions = await getJson<{ items: Array<{ id: string; startsAt: string }> }>(
    `${groups}/v1/groups/${group.id}/sessions`,
    facilitator,
  );
  const held = sessions.items.find((s) => Date.parse(s.startsAt) < Date.now());
  if (!held) throw new Error("the check-in group has no session held");
  const mark = await send(`${groups}/v1/sessions/${held.id}/attendance/${enrolment.id}`, {
    method: "PUT",
    token: facilitator,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "absent" }),
  });
  if (mark.status !== 200) throw new Error(`PUT attendance: HTTP ${mark.status} ${mark.body.slice(0, 300)}`);
  const checkIns = await getJson<{ items: Array<{ id: string; enrolmentId: string }> }>(
    `${groups}/v1/check-ins`,
    facilitator,
  );
  const checkIn = checkIns.items.find((c) => c.enrolmentId === enrolment.id);
  if (!checkIn) throw new Error("no check-in after a victim missed a session");
  return checkIn.id;
}

/**
 * A place of the housing partner and a stay in it for the open referral's victim, asked for by
 * the victims' call-back team (the role matrix's caseworker) and confirmed by housing staff.
 */
async function seedHousing(
  stack: Stack,
  tag: string,
  person: { personRef: string; referralId: string; taskId: string },
): Promise<RealRecords["housing"]> {
  const housing = stack.services.housing.url;
  const staff = await tokenFor("housing_staff");
  const address = `Rue des Glycines ${tag.length + 7}, 4020 Liège (${tag})`;
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Brussels" }).format(new Date());
  const year = Number(today.slice(0, 4));
  const place = await postJson<{ id: string }>(
    `${housing}/v1/places`,
    staff,
    {
      kind: "apartment",
      label: `Studio ${tag}`,
      address,
      capacity: 4,
      windows: [{ startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` }],
    },
    `${tag}-place`,
  );
  // Housing learns that the team follows the person from referrals' `callback.opened`: until it
  // has, the request is refused with `person_not_followed`.
  const worker = await tokenFor("caseworker", ORG, "e2e-caseworker", { teams: ["seraing-victims"] });
  const placement = await waitForValue(
    async () => {
      const answer = await jsonRequest<{ id: string; code?: string }>(`${housing}/v1/placements`, {
        method: "POST",
        token: worker,
        body: { ...person, team: "seraing-victims", householdSize: 2, riskLevel: "medium", nights: 10 },
        key: `${tag}-placement`,
      });
      if (answer.status === 201) return answer.json;
      if (answer.json.code !== "person_not_followed")
        throw new Error(`POST /v1/placements: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      return undefined;
    },
    { timeoutMs: 30_000, message: "housing to know that the victims' team follows the person" },
  );
  await expectJson(
    `${housing}/v1/placements/${placement.id}/confirm`,
    { method: "POST", token: staff, body: {} },
    200,
  );
  return { place: place.id, placement: placement.id, address };
}

/** An event of the organisation that fails its schema: groups and notifications dead-letter it. */
async function seedDeadLetters(stack: Stack): Promise<RealRecords["deadLetters"]> {
  const nc = await connect({ servers: stack.nats.url });
  try {
    const event = {
      id: randomUUID(),
      type: "referrals.referral.received",
      version: 2,
      occurredAt: new Date().toISOString(),
      source: "referrals",
      orgId: ORG,
      correlationId: randomUUID(),
      data: { broken: true },
    };
    await nc.jetstream().publish(event.type, JSON.stringify(event), { msgID: event.id });
    // housing reads no referral, only purges: a broken one is its dead letter.
    const purge = { ...event, id: randomUUID(), type: "referrals.person.purged", version: 1 };
    await nc.jetstream().publish(purge.type, JSON.stringify(purge), { msgID: purge.id });
  } finally {
    await nc.close();
  }
  const coordinator = await tokenFor("coordinator");
  const found: RealRecords["deadLetters"] = {};
  for (const name of ["groups", "notifications", "conferences", "housing"] as const) {
    await waitFor(
      async () => {
        const list = await getJson<{ items: Array<{ id: string }> }>(
          `${stack.services[name].url}/v1/dead-letters`,
          coordinator,
        );
        found[name] = list.items[0]?.id;
        return found[name] !== undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: `a dead letter in ${name}` },
    );
  }
  return found;
}

/** What a conference of the organisation holds that no other organisation may ever read. */
const CONFERENCE_SECRETS = [
  "concertation@partner.e2e.example",
  "cellule.vif@police.e2e.example",
  "Synthèse partagée réservée à la concertation",
];

/**
 * A conference of the organisation inviting its own partner and police (the role matrix's tokens
 * of the organisation: a police token without a `zone` claim speaks for the zone of its subject),
 * with one agenda item about a referral it learned of, and a decision with an action.
 */
async function seedConference(
  stack: Stack,
  tag: string,
  referralId: string,
): Promise<RealRecords["conference"]> {
  const url = stack.services.conferences.url;
  const coordinator = await tokenFor("coordinator");
  await waitFor(
    async () => {
      const known = await getJson<{ items: Array<{ referralId: string }> }>(
        `${url}/v1/known-referrals`,
        coordinator,
      );
      return known.items.some((r) => r.referralId === referralId);
    },
    { timeoutMs: 30_000, intervalMs: 200, message: "conferences knows the referral" },
  );
  const conference = await postJson<{ id: string; invitees: Array<{ id: string; role: string }> }>(
    `${url}/v1/conferences`,
    coordinator,
    {
      title: `Concertation ${tag}`,
      policeZone: "5277",
      municipality: "Seraing",
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: "2027-03-09T14:00",
        rrule: "FREQ=MONTHLY;COUNT=3",
        durationMinutes: 90,
      },
      invitees: [
        {
          organisation: ORG,
          organisationName: "Partenaire e2e",
          role: "partner",
          email: CONFERENCE_SECRETS[0],
        },
        {
          organisation: ORG,
          organisationName: "Police e2e",
          role: "police",
          zone: "e2e-police",
          email: CONFERENCE_SECRETS[1],
        },
      ],
    },
    `${tag}-conference`,
  );
  const item = await postJson<{ id: string }>(
    `${url}/v1/conferences/${conference.id}/items`,
    coordinator,
    { referralId, summary: CONFERENCE_SECRETS[2], question: "Qui prend contact ?" },
    `${tag}-conference-item`,
  );
  const partner = conference.invitees.find((i) => i.role === "partner")!;
  await postJson(
    `${url}/v1/conferences/${conference.id}/items/${item.id}/decisions`,
    coordinator,
    {
      text: "Le partenaire prend contact.",
      actions: [{ ownerInviteeId: partner.id, description: "Prendre contact", dueDate: "2027-03-20" }],
    },
    `${tag}-conference-decision`,
  );
  const actions = await getJson<{ items: Array<{ id: string }> }>(
    `${url}/v1/my/actions`,
    await tokenFor("partner"),
  );
  if (!actions.items[0]) throw new Error("the conference's action is not the partner's");
  return { id: conference.id, item: item.id, action: actions.items[0].id };
}
