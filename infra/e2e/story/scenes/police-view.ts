// Scene 8: what the police see of their referral once support began: the status and the first
// contact, nothing personal; the full referral is refused.
import { call, eventually, type StoryContext } from "../context.js";
import { NOTES, PEOPLE, PLACE } from "../people.js";
import { when } from "../time.js";

export interface PoliceView {
  status: string;
  firstContactAt: string | null;
  body: string;
  leaked: string[];
  fullReferral: number;
}

/** Everything personal the story put in: none of it may reach the police. */
export function storySecrets(caseReference: string): string[] {
  return [
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
    PLACE.address,
    ...Object.values(NOTES),
  ];
}

export async function policeFollowUp(ctx: StoryContext, referralId: string): Promise<PoliceView> {
  ctx.heading(`${PEOPLE.police.name}, police zone Seraing-Neupré, again`);
  const status = await eventually(
    "the police status in_support",
    async () => {
      const answer = await call<{ status: string; firstContactAt: string | null }>(
        ctx.svc.referrals,
        "GET",
        `/v1/referrals/${referralId}/status`,
        { token: ctx.token.police },
      );
      return answer.json.status === "in_support" ? answer : undefined;
    },
    ctx.timeoutMs,
  );
  const secrets = storySecrets(ctx.caseReference);
  const leaked = secrets.filter((s) => status.text.toLowerCase().includes(s.toLowerCase()));
  const full = await call(ctx.svc.referrals, "GET", `/v1/referrals/${referralId}`, {
    token: ctx.token.police,
    expect: [403, 404],
  });
  ctx.say(`GET /v1/referrals/${referralId}/status →`);
  ctx.say(`  status "${status.json.status}", first contact ${when(status.json.firstContactAt)}`);
  ctx.say(`  ${status.text}`);
  ctx.say(
    leaked.length === 0
      ? `No name, phone, e-mail or note in it (checked ${secrets.length} values). The full referral: ${full.status}.`
      : `LEAKED to the police: ${leaked.join(", ")}`,
  );
  return {
    status: status.json.status,
    firstContactAt: status.json.firstContactAt,
    body: status.text,
    leaked,
    fullReferral: full.status,
  };
}
