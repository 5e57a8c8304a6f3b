// The referrals figures of the evaluation statistics, from the organisation's own rows: pure, so
// the counts are tested here and the route only reads and hands over.
import {
  type Breakdown,
  countFamily,
  durationTable,
  monthOf,
  rowKeys,
  type StatisticsReport,
  type StatisticsSettings,
} from "@relais/statistics";

export interface ReferralFacts {
  createdAt: string;
  zoneId: string;
  municipality: string;
  riskLevel: string;
  victimConsent: boolean;
  authorConsent: boolean;
  tasks: { routed: boolean; outcome: string | null; createdAt: string; reachedAt: string | null }[];
}

export const REFERRAL_TABLES = [
  { id: "referrals.victimConsent", categories: ["yes", "no"] },
  { id: "referrals.authorConsent", categories: ["yes", "no"] },
  // `noTask`: nobody to call back (no consent, do not contact, no contact detail).
  { id: "referrals.routing", categories: ["routed", "unroutable", "noTask"] },
] as const;

export const CALLBACK_TABLES = [
  {
    id: "callbacks.outcome",
    categories: ["accepted", "declined", "referred_elsewhere", "unreachable", "open"],
  },
  { id: "callbacks.contact", categories: ["reached", "notReached"] },
] as const;

export function referralStatistics(
  facts: readonly ReferralFacts[],
  query: { from: string; to: string; by: Breakdown },
  settings: StatisticsSettings,
): StatisticsReport {
  const rowOf = (fact: ReferralFacts): string => {
    switch (query.by) {
      case "month":
        return monthOf(fact.createdAt, settings.timeZone);
      case "zone":
        return fact.zoneId;
      case "municipality":
        return fact.municipality;
      case "riskLevel":
        return fact.riskLevel;
    }
  };
  const rows =
    query.by === "riskLevel" ? ["high", "medium", "low"] : rowKeys(query.by, facts.map(rowOf), query);
  const referralUnits = facts.map((fact) => ({
    row: rowOf(fact),
    in: {
      "referrals.victimConsent": fact.victimConsent ? "yes" : "no",
      "referrals.authorConsent": fact.authorConsent ? "yes" : "no",
      "referrals.routing":
        fact.tasks.length === 0
          ? "noTask"
          : fact.tasks.some((task) => !task.routed)
            ? "unroutable"
            : "routed",
    },
  }));
  const tasks = facts.flatMap((fact) => fact.tasks.map((task) => ({ row: rowOf(fact), task })));
  const taskUnits = tasks.map(({ row, task }) => ({
    row,
    in: {
      "callbacks.outcome": task.outcome ?? "open",
      "callbacks.contact": task.reachedAt ? "reached" : "notReached",
    },
  }));
  const contacted = tasks
    .filter(({ task }) => task.reachedAt !== null)
    .map(({ row, task }) => ({
      row,
      hours: (Date.parse(task.reachedAt as string) - Date.parse(task.createdAt)) / 3_600_000,
    }));
  return {
    ...query,
    timeZone: settings.timeZone,
    threshold: settings.threshold,
    tables: [
      ...countFamily(query.by, rows, REFERRAL_TABLES, referralUnits, settings.threshold),
      ...countFamily(query.by, rows, CALLBACK_TABLES, taskUnits, settings.threshold),
    ],
    durations: [durationTable("callbacks.timeToFirstContact", query.by, rows, contacted, settings.threshold)],
    rates: [],
  };
}
