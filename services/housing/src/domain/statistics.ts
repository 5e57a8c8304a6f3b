// The housing figures of the evaluation statistics, by month: occupancy (place-nights by kind of
// place, and the share of available nights given), what became of requests, where stays ended
// and what the follow-up found. Nights are dates in the service's zone. Pure.
import type { StatisticsReport, StatisticsSettings } from "@relais/statistics";
import { countFamily, durationTable, monthOf, rateOver, rowKeys } from "@relais/statistics";
import { nightsOf } from "./nights.js";

export interface StayFacts {
  placementId: string;
  kind: string;
  from: string;
  /** Exit date for ended stays, planned end otherwise. */
  to: string;
}

export interface RequestFacts {
  createdAt: string;
  confirmedAt: string | null;
  status: string;
}

export interface ExitFacts {
  endDate: string;
  exit: string;
  followUpOutcome: string | null;
}

export const PLACE_KINDS = ["hotel_room", "apartment", "shelter_room"] as const;
const OCCUPANCY = [{ id: "occupancy.nights", categories: PLACE_KINDS }];
const REQUESTS = [{ id: "requests.outcome", categories: ["placed", "waiting", "declined"] }];
const EXITS = [
  { id: "stays.exit", categories: ["durable_housing", "back_home", "elsewhere", "unknown"] },
  {
    id: "followUps.outcome",
    categories: ["durable_housing", "still_searching", "back_in_emergency", "lost_contact", "pending"],
  },
];

export function housingStatistics(
  facts: {
    stays: StayFacts[];
    /** Available nights per place: every night of every window. */
    windows: Array<{ from: string; to: string }>;
    requests: RequestFacts[];
    exits: ExitFacts[];
  },
  query: { from: string; to: string; by: "month" },
  settings: StatisticsSettings,
): StatisticsReport {
  const { threshold, timeZone } = settings;
  const months = rowKeys("month", [], query);
  const inPeriod = (month: string) => month >= query.from && month <= query.to;
  const nights = facts.stays.flatMap((s) =>
    nightsOf(s.from, s.to)
      .filter((d) => inPeriod(d.slice(0, 7)))
      .map((d) => ({ month: d.slice(0, 7), kind: s.kind, placementId: s.placementId })),
  );
  const available = new Map<string, number>();
  for (const w of facts.windows)
    for (const d of nightsOf(w.from, w.to))
      if (inPeriod(d.slice(0, 7))) available.set(d.slice(0, 7), (available.get(d.slice(0, 7)) ?? 0) + 1);
  const occupancyRate = (list: typeof nights, availableNights: number) =>
    rateOver(list.length, availableNights, new Set(list.map((n) => n.placementId)).size, threshold);
  const placed = facts.requests.filter((r) => r.confirmedAt !== null);
  return {
    ...query,
    timeZone,
    threshold,
    tables: [
      ...countFamily(
        "month",
        months,
        OCCUPANCY,
        nights.map((n) => ({ row: n.month, in: { "occupancy.nights": n.kind } })),
        threshold,
      ),
      ...countFamily(
        "month",
        months,
        REQUESTS,
        facts.requests.map((r) => ({
          row: monthOf(r.createdAt, timeZone),
          in: {
            "requests.outcome":
              r.status === "confirmed" || r.status === "ended"
                ? "placed"
                : r.status === "declined"
                  ? "declined"
                  : "waiting",
          },
        })),
        threshold,
      ),
      ...countFamily(
        "month",
        months,
        EXITS,
        facts.exits.map((e) => ({
          row: e.endDate.slice(0, 7),
          in: { "stays.exit": e.exit, "followUps.outcome": e.followUpOutcome ?? "pending" },
        })),
        threshold,
      ),
    ],
    durations: [
      durationTable(
        "requests.toConfirmation",
        "month",
        months,
        placed.map((r) => ({
          row: monthOf(r.createdAt, timeZone),
          hours: (Date.parse(r.confirmedAt as string) - Date.parse(r.createdAt)) / 3_600_000,
        })),
        threshold,
      ),
    ],
    rates: [
      {
        id: "occupancy.rate",
        rowsBy: "month",
        rows: months.map((month) => ({
          key: month,
          rate: occupancyRate(
            nights.filter((n) => n.month === month),
            available.get(month) ?? 0,
          ),
        })),
        total: occupancyRate(
          nights,
          [...available.values()].reduce((a, b) => a + b, 0),
        ),
      },
    ],
  };
}
