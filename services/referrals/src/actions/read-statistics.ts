// The organisation's referrals filed in the period, as the facts the statistics count: never a
// person, a name or a reference leaves this function.
import type { Caller } from "@relais/service-kit";
import type { Breakdown, StatisticsInput } from "@relais/statistics";
import { inPeriod, readInChunks } from "@relais/statistics/queries";
import { and, eq, inArray } from "drizzle-orm";
import { callbackTasks, directoryPartners, persons, referrals } from "../db/schema.js";
import { type ReferralFacts, referralStatistics } from "../domain/statistics.js";
import type { Deps } from "./deps.js";

export async function readStatistics(
  ctx: Pick<Deps, "database"> & Caller,
  { query, settings, period }: StatisticsInput<Breakdown>,
) {
  const db = ctx.database.db;
  const filed = await db
    .select({
      id: referrals.id,
      createdAt: referrals.createdAt,
      zoneId: referrals.zoneId,
      municipality: referrals.municipality,
      riskLevel: referrals.riskLevel,
    })
    .from(referrals)
    .where(and(eq(referrals.orgId, ctx.principal.org), inPeriod(referrals.createdAt, period)));
  const ids = filed.map((r) => r.id);
  const people = new Map<string, { victim: boolean; author: boolean }>();
  const consents = await readInChunks(ids, (chunk) =>
    db
      .select({ referralId: persons.referralId, role: persons.role, consent: persons.consent })
      .from(persons)
      .where(inArray(persons.referralId, chunk)),
  );
  for (const person of consents) {
    const seen = people.get(person.referralId) ?? { victim: false, author: false };
    if (person.consent) seen[person.role] = true;
    people.set(person.referralId, seen);
  }
  const tasks = new Map<string, ReferralFacts["tasks"]>();
  const taskRows = await readInChunks(ids, (chunk) =>
    db
      .select({
        referralId: callbackTasks.referralId,
        routed: callbackTasks.routed,
        outcome: callbackTasks.outcome,
        createdAt: callbackTasks.createdAt,
        reachedAt: callbackTasks.reachedAt,
        referredPartnerId: callbackTasks.referredPartnerId,
      })
      .from(callbackTasks)
      .where(and(eq(callbackTasks.orgId, ctx.principal.org), inArray(callbackTasks.referralId, chunk))),
  );
  for (const { referralId, ...task } of taskRows)
    tasks.set(referralId, [...(tasks.get(referralId) ?? []), task]);
  const facts: ReferralFacts[] = filed.map((referral) => ({
    createdAt: referral.createdAt,
    zoneId: referral.zoneId,
    municipality: referral.municipality,
    riskLevel: referral.riskLevel,
    victimConsent: people.get(referral.id)?.victim ?? false,
    authorConsent: people.get(referral.id)?.author ?? false,
    tasks: tasks.get(referral.id) ?? [],
  }));
  // Every entry of the directory, archived ones too: outcomes named them when they were live.
  const partners = await db
    .select({ id: directoryPartners.id, category: directoryPartners.category })
    .from(directoryPartners)
    .where(eq(directoryPartners.orgId, ctx.principal.org));
  return referralStatistics(facts, query, settings, new Map(partners.map((p) => [p.id, p.category])));
}
