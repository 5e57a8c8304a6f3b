// Scene 1: police in zone Seraing-Neupré file a referral (partner violence, two children present,
// high risk); victim and author both consent to be called back.
import { call, check, type StoryContext } from "../context.js";
import { PEOPLE, POLICE_ZONE, STORY_MUNICIPALITY, ZONE } from "../people.js";
import { when } from "../time.js";

export interface FiledReferral {
  referralId: string;
  status: string;
  persons: Array<{ personRef: string; role: string; contactable: boolean; reason: string | null }>;
  refOf(role: "victim" | "author"): string;
}

export async function policeFileReferral(ctx: StoryContext): Promise<FiledReferral> {
  ctx.heading(`${PEOPLE.police.name}, police zone Seraing-Neupré (${POLICE_ZONE})`);
  const incidentAt = new Date(ctx.start.getTime() - 135 * 60_000).toISOString();
  const person = (role: "victim" | "author") => {
    const who = PEOPLE[role];
    return {
      role,
      displayName: who.name,
      consent: true,
      language: "fr",
      timeZone: ZONE,
      contact: { phone: who.phone, email: who.email },
      preferences:
        role === "victim"
          ? {
              channels: ["phone", "email"],
              safeWindows: [ctx.safeWindow],
              voicemailAllowed: false,
              discreet: true,
              doNotContact: false,
            }
          : {
              channels: ["phone", "email"],
              safeWindows: [],
              voicemailAllowed: true,
              discreet: false,
              doNotContact: false,
            },
    };
  };
  const filed = await call<Omit<FiledReferral, "referralId" | "refOf"> & { id: string }>(
    ctx.svc.referrals,
    "POST",
    "/v1/referrals",
    {
      token: ctx.token.police,
      key: ctx.key("referral"),
      body: {
        policeZone: "ZP Seraing/Neupré (5277)",
        incidentReference: ctx.incidentReference,
        incidentAt,
        kind: "partner",
        riskLevel: "high",
        riskScore: 78,
        childrenPresent: true,
        municipality: STORY_MUNICIPALITY,
        persons: [person("victim"), person("author")],
      },
    },
  );
  check(filed.status === 201, `filing answered ${filed.status}, expected 201`);
  for (const p of filed.json.persons)
    check(p.contactable, `the ${p.role} consented, yet no call-back is planned (${p.reason})`);
  const refOf = (role: string) => filed.json.persons.find((p) => p.role === role)!.personRef;
  ctx.say(`Files ${ctx.incidentReference}: partner violence on ${when(incidentAt)}, high risk (score 78),`);
  ctx.say(`two children present, Seraing; victim and author both consent to be called back.`);
  ctx.say(`Relais answers ${filed.status}: referral ${filed.json.id}, status "${filed.json.status}".`);
  for (const p of filed.json.persons)
    ctx.say(`  ${p.role}: call-back ${p.contactable ? "planned" : `not made (${p.reason})`}`);
  return { referralId: filed.json.id, status: filed.json.status, persons: filed.json.persons, refOf };
}
