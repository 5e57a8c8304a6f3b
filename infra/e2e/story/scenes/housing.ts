// Scene 4b: an emergency placement. Her sister can host Laura and the children for two nights
// only; her worker asks the housing partner for a place, at high risk, so it is confirmed at once.
// Laura gets one discreet message with the address; her worker sees "confirmed" and never the
// place; housing staff alone see where it is, and the police nothing of it.
import type { Mail } from "../../story-mail.js";
import { call, check, eventually, type StoryContext } from "../context.js";
import { PEOPLE, PLACE, VICTIM_TEAM } from "../people.js";

export interface EmergencyPlacement {
  placementId: string;
  status: string;
  /** What the worker's answers said, as text: it must name no place and no address. */
  workerView: string;
  address: string;
  message?: Mail;
  /** The police token's answer to housing's list: refused. */
  policeStatus: number;
  /** What the author's worker was answered, asking for a place in Laura's name: refused. */
  authorWorkerCode: string | undefined;
}

export async function emergencyPlacement(
  ctx: StoryContext,
  victim: { personRef: string; referralId: string; taskId: string },
): Promise<EmergencyPlacement> {
  const { housing } = ctx.svc;
  const staff = ctx.token.housingStaff;
  ctx.heading(`${PEOPLE.housingStaff.name} (housing partner)`);
  const window = { startsOn: `${ctx.year - 1}-01-01`, endsOn: `${ctx.year + 1}-12-31` };
  const place = await call<{ id: string }>(housing, "POST", "/v1/places", {
    token: staff,
    key: ctx.key("place"),
    body: { kind: "apartment", label: PLACE.label, address: PLACE.address, capacity: 4, windows: [window] },
  });
  ctx.say(
    `Adds "${PLACE.label}" (apartment, 4 persons); its address is sealed and shown to housing staff only.`,
  );

  ctx.heading(`${PEOPLE.victimWorker.name} (victim support)`);
  // Housing hears from referrals' `callback.opened` that her team follows Laura; until it has (a
  // moment after the task), it answers `person_not_followed` and the worker asks again.
  const key = ctx.key("placement");
  const asked = await eventually(
    "housing to know that the victims' team follows Laura",
    async () => {
      const answer = await call<{ id: string; status: string; placeAllocated: boolean; code?: string }>(
        housing,
        "POST",
        "/v1/placements",
        {
          token: ctx.token.victimWorker,
          key,
          body: {
            ...victim,
            team: VICTIM_TEAM,
            householdSize: 3,
            riskLevel: "high",
            nights: 21,
            language: "fr",
          },
          expect: [201, 409],
        },
      );
      if (answer.status === 201) return answer;
      check(answer.json.code === "person_not_followed", `the request answered ${answer.text.slice(0, 300)}`);
      return undefined;
    },
    ctx.timeoutMs,
  );
  check(
    asked.json.status === "confirmed",
    `the high-risk request is ${asked.json.status}, expected confirmed`,
  );
  const read = await call<unknown>(housing, "GET", `/v1/placements/${asked.json.id}`, {
    token: ctx.token.victimWorker,
  });
  const workerView = `${asked.text}\n${read.text}`;
  check(
    !workerView.includes(PLACE.address) && !workerView.includes(place.json.id),
    "the worker was shown the place",
  );
  ctx.say(`Asks for a place for Laura and her two children, high risk: "confirmed", and no address shown.`);

  const shown = await call<{ address: string }>(housing, "GET", `/v1/places/${place.json.id}/address`, {
    token: staff,
  });
  check(shown.json.address === PLACE.address, "housing staff could not see the address");
  const police = await call<unknown>(housing, "GET", "/v1/placements", {
    token: ctx.token.police,
    expect: [403],
  });
  // The author's team, with Laura's real reference: it follows him, not her, so it may not take a
  // place in her name (and have her sent a message she never asked for).
  const byAuthorTeam = await call<{ code?: string }>(housing, "POST", "/v1/placements", {
    token: ctx.token.authorWorker,
    key: ctx.key("placement-author-team"),
    body: { personRef: victim.personRef, householdSize: 1, riskLevel: "high", nights: 7 },
    expect: [409],
  });
  ctx.say(`The author's worker asking for a place in Laura's name: refused (${byAuthorTeam.json.code}).`);

  ctx.heading(`${PEOPLE.victim.name} (victim), inbox ${PEOPLE.victim.email}`);
  const message = await ctx.mail(
    "the placement's address",
    (m) => m.to.includes(PEOPLE.victim.email) && m.text.includes(PLACE.address),
  );
  if (message) ctx.say(`One discreet message: "${message.subject}" from ${message.from}, with the address.`);
  return {
    placementId: asked.json.id,
    status: asked.json.status,
    workerView,
    address: PLACE.address,
    message,
    policeStatus: police.status,
    authorWorkerCode: byAuthorTeam.json.code,
  };
}
