// What retention will purge and when, and what it purged: counts by month, nothing else.
import { auditLog, RETENTION_ACTOR } from "@relais/service-kit";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { persons, referrals } from "../db/schema.js";
import type { Ctx } from "./deps.js";

export async function retentionOutlook(ctx: Ctx) {
  const { principal } = ctx;
  const db = ctx.database.db;
  const days = ctx.policy.retentionDays;
  // settled_at is an ISO instant; its purge date is settled_at + retention days (UTC month).
  const purgeMonth = sql<string>`strftime('%Y-%m', ${referrals.settledAt}, ${`+${days} days`})`;
  const upcoming = await db
    .select({
      month: purgeMonth,
      referrals: sql<number>`count(distinct ${referrals.id})`,
      persons: count(persons.personRef),
    })
    .from(referrals)
    .leftJoin(persons, eq(persons.referralId, referrals.id))
    .where(and(eq(referrals.orgId, principal.org), isNotNull(referrals.settledAt)))
    .groupBy(purgeMonth)
    .orderBy(purgeMonth);
  const nextPurge = await db
    .select({
      at: sql<string | null>`min(strftime('%Y-%m-%dT%H:%M:%fZ', ${referrals.settledAt}, ${`+${days} days`}))`,
    })
    .from(referrals)
    .where(and(eq(referrals.orgId, principal.org), isNotNull(referrals.settledAt)));
  const month = sql<string>`substr(${auditLog.at}, 1, 7)`;
  const purged = await db
    .select({ month, recordType: auditLog.recordType, n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.org, principal.org),
        eq(auditLog.actorSub, RETENTION_ACTOR),
        eq(auditLog.action, "retention.purge"),
      ),
    )
    .groupBy(month, auditLog.recordType)
    .orderBy(month);
  const purgedByMonth = new Map<string, { month: string; referrals: number; persons: number }>();
  for (const row of purged) {
    const entry = purgedByMonth.get(row.month) ?? { month: row.month, referrals: 0, persons: 0 };
    if (row.recordType === "referral") entry.referrals = row.n;
    if (row.recordType === "person") entry.persons = row.n;
    purgedByMonth.set(row.month, entry);
  }
  return {
    retentionDays: days,
    nextPurgeAt: nextPurge[0]?.at ?? null,
    upcoming: upcoming.map((u) => ({
      month: u.month,
      referrals: Number(u.referrals),
      persons: Number(u.persons),
    })),
    purged: [...purgedByMonth.values()],
  };
}
