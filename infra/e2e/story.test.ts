// The whole story on the real parts: the three services as processes, a real nats-server, the
// SMTP sink. Each step is checked over HTTP and at the sink; the databases are read only at the
// end, to check that nothing was lost (no dead letters, every outbox row published).

import { createClient } from "@libsql/client";
import type { Role } from "@relais/contracts";
import { mintToken, waitFor } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./stack.js";
import { AUTHOR_TEAM, runStory, type StoryResult, VICTIM_TEAM } from "./story.js";
import { type Mail, parseMail } from "./story-mail.js";

const ORG = "org-story";

async function count(path: string, sql: string): Promise<number> {
  const client = createClient({ url: `file:${path}` });
  try {
    return Number((await client.execute(sql)).rows[0]?.[0] ?? 0);
  } finally {
    client.close();
  }
}

const until = (what: string, check: () => Promise<boolean>, timeoutMs: number) =>
  waitFor(check, { timeoutMs, intervalMs: 200, message: what });

describe("the story, end to end", () => {
  let stack: Stack;
  let story: StoryResult;
  let mails: Mail[];

  beforeAll(async () => {
    stack = await startStack({
      // The routing seed (Seraing → vif-ment-fini teams) for this organisation; fast schedulers.
      env: { ROUTING_SEED_ORGS: ORG, SCHEDULER_INTERVAL_MS: "250" },
    });
    const token = (role: Role, sub: string, claims?: Record<string, unknown>) =>
      mintToken({ role, org: ORG, sub, claims, expiresIn: "1h" });
    const mailbox = {
      list: async () => stack.smtp.messages.map((m, i) => parseMail(String(i), m.raw, m.envelope.to)),
    };
    story = await runStory({
      services: {
        groups: stack.services.groups.url,
        referrals: stack.services.referrals.url,
        notifications: stack.services.notifications.url,
      },
      runId: `story-${Date.now()}`,
      token,
      mailbox,
      timeoutMs: 45_000,
      say: process.env.STORY_VERBOSE ? (line) => console.log(line) : undefined,
    });
    mails = await mailbox.list();
  }, 150_000);
  afterAll(() => stack?.stop());

  const to = (address: string) => mails.filter((m) => m.to.includes(address.toLowerCase()));

  it("routes the referral to Seraing's victim and author teams, and alerts both teams", () => {
    const alerted = story.teamAlerts.map((m) => m.to[0]);
    expect(alerted).toEqual([`${VICTIM_TEAM}@teams.relais.example`, `${AUTHOR_TEAM}@teams.relais.example`]);
    // As the referrals service recorded them, read back by the victim's worker.
    expect(story.victim.attemptOutcomes).toEqual(["no_answer", "reached"]);
  });

  it("keeps what the victim's worker wrote from the author's worker", () => {
    expect(story.author.workerView).not.toBe("");
    for (const secret of [story.victim.name, story.victim.phone, story.victim.email, "sonneries", "sœur"])
      expect(story.author.workerView).not.toContain(secret);
  });

  it("places the victim in the peer group and the author in the programme", () => {
    expect(story.victim.groupId).toBe(story.victimGroupId);
    expect(story.author.groupId).toBe(story.programmeId);
    expect(story.victim.enrolmentId).toBeTruthy();
    expect(story.author.enrolmentId).toBeTruthy();
  });

  it("sends each person one calendar invite for the series, naming that person alone", () => {
    for (const person of [story.victim, story.author]) {
      const invites = to(person.email).filter((m) => m.ics !== null);
      expect(invites, person.email).toHaveLength(1);
      const ics = invites[0]!.ics!;
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toMatch(/RRULE:FREQ=WEEKLY/);
      expect(ics).toContain("TZID:Europe/Brussels");
      expect(ics.toLowerCase()).toContain(person.email);
      const other = person === story.victim ? story.author : story.victim;
      expect(ics.toLowerCase()).not.toContain(other.email);
    }
  });

  it("keeps the victim's mail discreet", () => {
    for (const mail of to(story.victim.email)) {
      expect(`${mail.subject} ${mail.from} ${mail.text}`).not.toMatch(
        /violence|victime|programme|Renouer|groupe de parole|VIF/i,
      );
    }
  });

  it("sends the reminders that are due: the next session is less than a day away", () => {
    expect(story.victim.reminders.length).toBeGreaterThanOrEqual(1);
    expect(story.author.reminders.length).toBeGreaterThanOrEqual(1);
    expect(story.author.reminders[0]!.subject).toMatch(/^Rappel : Programme/);
  });

  it("warns the justice house at the second unexcused absence, programme staff copied", () => {
    expect(story.compliance).toMatchObject({ attended: 1, unexcusedAbsences: 2, breached: ["warning"] });
    const warnings = to(story.author.justiceEmail);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.subject).toContain(story.author.caseReference);
    expect(warnings[0]!.subject).toContain("avertissement");
    expect(warnings[0]!.text).toContain("Maison de justice de Liège");
    for (const staff of ["pieter.claes@praxis-liege.example", "sarah.mertens@praxis-liege.example"]) {
      expect(to(staff).filter((m) => m.subject.includes(story.author.caseReference))).toHaveLength(1);
    }
  });

  it("shows the police in_support with the first contact, and nothing personal", () => {
    expect(story.police.status).toBe("in_support");
    expect(story.police.firstContactAt).not.toBeNull();
    expect(story.police.leaked).toEqual([]);
    expect(story.police.fullReferral).toBe(403);
    const body = JSON.parse(story.police.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "firstContactAt",
      "id",
      "incidentReference",
      "persons",
      "status",
      "updatedAt",
    ]);
  });

  it("sent no e-mail twice", () => {
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lost nothing: every outbox row published, no dead letters", async () => {
    for (const service of Object.values(stack.services)) {
      await until(
        `${service.name} outbox drained`,
        async () =>
          (await count(service.databasePath, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")) === 0,
        30_000,
      );
      expect(await count(service.databasePath, "SELECT count(*) FROM dead_letters"), service.name).toBe(0);
    }
  });
});
