// The referrals figures of the evaluation statistics, from the organisation's own rows: pure, so
// the counts are tested here and the route only reads and hands over.

import { PARTNER_CATEGORIES } from "@relais/contracts";
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
  tasks: {
    routed: boolean;
    outcome: string | null;
    createdAt: string;
    reachedAt: string | null;
    /** The directory entry of a `referred_elsewhere` outcome; null when none was named. */
    referredPartnerId?: string | null;
  }[];
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

const OTHER_OUTCOMES = ["accepted", "declined", "unreachable", "open"];

/**
 * Where people were referred: by the entry's category (`callbacks.referredTo`), and by the entry
 * itself (`callbacks.referredToPartner`) for entries with at least `threshold` referrals in the
 * period; the others of a category count together in `other:<category>`. `unlisted`: referred
 * elsewhere without naming an entry; `notReferred`: every other task, so that both tables
 * partition the tasks like `callbacks.outcome`, which they refine (the audit knows the links).
 * Which entries get a column of their own depends on the data only through that threshold: a
 * column says "at least `threshold`", as a published total would.
 */
export function referredTables(
  referredTo: readonly { partnerId: string | null; category: string | null }[],
  threshold: number,
) {
  const perPartner = new Map<string, number>();
  for (const unit of referredTo)
    if (unit.partnerId && unit.category)
      perPartner.set(unit.partnerId, (perPartner.get(unit.partnerId) ?? 0) + 1);
  const shown = new Set([...perPartner].filter(([, n]) => n >= threshold).map(([id]) => id));
  const listedOf = (category: string) =>
    [...shown].filter((id) => referredTo.some((u) => u.partnerId === id && u.category === category)).sort();
  const byCategory = PARTNER_CATEGORIES.map((category) => ({
    category,
    children: [...listedOf(category), `other:${category}`],
  }));
  const tables = [
    {
      id: "callbacks.referredTo",
      categories: [...PARTNER_CATEGORIES, "unlisted", "notReferred"],
      refines: {
        table: "callbacks.outcome",
        groups: [
          { parent: ["referred_elsewhere"], child: [...PARTNER_CATEGORIES, "unlisted"] },
          { parent: OTHER_OUTCOMES, child: ["notReferred"] },
        ],
      },
    },
    {
      id: "callbacks.referredToPartner",
      categories: [...byCategory.flatMap((c) => c.children), "unlisted", "notReferred"],
      refines: {
        table: "callbacks.referredTo",
        groups: [
          ...byCategory.map((c) => ({ parent: [c.category], child: c.children })),
          { parent: ["unlisted"], child: ["unlisted"] },
          { parent: ["notReferred"], child: ["notReferred"] },
        ],
      },
    },
  ];
  const categoriesOf = (unit: { partnerId: string | null; category: string | null } | null) => {
    if (!unit) return { "callbacks.referredTo": "notReferred", "callbacks.referredToPartner": "notReferred" };
    if (!unit.partnerId || !unit.category)
      return { "callbacks.referredTo": "unlisted", "callbacks.referredToPartner": "unlisted" };
    return {
      "callbacks.referredTo": unit.category,
      "callbacks.referredToPartner": shown.has(unit.partnerId) ? unit.partnerId : `other:${unit.category}`,
    };
  };
  return { tables, categoriesOf };
}

export function referralStatistics(
  facts: readonly ReferralFacts[],
  query: { from: string; to: string; by: Breakdown },
  settings: StatisticsSettings,
  /** The directory: entry id → its category. */
  partners: ReadonlyMap<string, string> = new Map(),
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
  const referredOf = (task: ReferralFacts["tasks"][number]) => {
    if (task.outcome !== "referred_elsewhere") return null;
    const partnerId = task.referredPartnerId ?? null;
    const category = partnerId ? (partners.get(partnerId) ?? null) : null;
    return { partnerId: category ? partnerId : null, category };
  };
  const rowSet = new Set(rows);
  const referred = referredTables(
    tasks
      .filter(({ row }) => rowSet.has(row))
      .map(({ task }) => referredOf(task))
      .filter((unit) => unit !== null),
    settings.threshold,
  );
  const taskUnits = tasks.map(({ row, task }) => ({
    row,
    in: {
      "callbacks.outcome": task.outcome ?? "open",
      "callbacks.contact": task.reachedAt ? "reached" : "notReached",
      ...referred.categoriesOf(referredOf(task)),
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
      ...countFamily(query.by, rows, [...CALLBACK_TABLES, ...referred.tables], taskUnits, settings.threshold),
    ],
    durations: [durationTable("callbacks.timeToFirstContact", query.by, rows, contacted, settings.threshold)],
    rates: [],
  };
}
