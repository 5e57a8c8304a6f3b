// The groups figures of the evaluation statistics: placements asked for by referrals and what
// became of them, attendance per group kind, and how perpetrator programmes end. Pure.
import type { StatisticsReport, StatisticsSettings } from "@relais/statistics";
import { countFamily, durationTable, monthOf, rateOver, rowKeys } from "@relais/statistics";

export type GroupsBreakdown = "month" | "municipality";

export interface PlacementFacts {
  /** When groups received `referrals.support.requested`: the outcome, seconds later. */
  requestedAt: string;
  municipality: string;
  outcome: "placed" | "waitlisted" | "awaiting";
  /** Start of the first session the person attended (present or late). */
  firstSessionAt: string | null;
}

export interface AttendanceFacts {
  groupKind: string;
  enrolmentId: string;
  status: string;
}

export interface ProgrammeFacts {
  enrolledAt: string;
  municipality: string;
  status: string;
  breached: boolean;
}

export const GROUP_KINDS = ["victim_peer", "parent", "children", "perpetrator"] as const;

export const PLACEMENT_TABLES = [
  { id: "placements.outcome", categories: ["placed", "waitlisted", "awaiting"] },
];
export const PROGRAMME_TABLES = [
  { id: "programme.outcome", categories: ["completed", "excluded", "withdrawn", "ongoing"] },
  { id: "programme.compliance", categories: ["breached", "notBreached"] },
];

export function groupStatistics(
  facts: { placements: PlacementFacts[]; attendance: AttendanceFacts[]; programme: ProgrammeFacts[] },
  query: { from: string; to: string; by: GroupsBreakdown },
  settings: StatisticsSettings,
): StatisticsReport {
  const rowOf = (at: string, municipality: string) =>
    query.by === "month" ? monthOf(at, settings.timeZone) : municipality;
  const placements = facts.placements.map((p) => ({ ...p, row: rowOf(p.requestedAt, p.municipality) }));
  const programme = facts.programme.map((p) => ({ ...p, row: rowOf(p.enrolledAt, p.municipality) }));
  const placementRows = rowKeys(
    query.by,
    placements.map((p) => p.row),
    query,
  );
  const programmeRows = rowKeys(
    query.by,
    programme.map((p) => p.row),
    query,
  );
  const { threshold } = settings;
  return {
    ...query,
    timeZone: settings.timeZone,
    threshold,
    tables: [
      ...countFamily(
        query.by,
        placementRows,
        PLACEMENT_TABLES,
        placements.map((p) => ({ row: p.row, in: { "placements.outcome": p.outcome } })),
        threshold,
      ),
      ...countFamily(
        query.by,
        programmeRows,
        PROGRAMME_TABLES,
        programme.map((p) => ({
          row: p.row,
          in: {
            "programme.outcome": p.status === "enrolled" ? "ongoing" : p.status,
            "programme.compliance": p.breached ? "breached" : "notBreached",
          },
        })),
        threshold,
      ),
    ],
    durations: [
      durationTable(
        "placements.outcomeToFirstSession",
        query.by,
        placementRows,
        placements
          .filter((p) => p.firstSessionAt !== null)
          .map((p) => ({
            row: p.row,
            hours: (Date.parse(p.firstSessionAt as string) - Date.parse(p.requestedAt)) / 3_600_000,
          })),
        threshold,
      ),
    ],
    rates: [attendanceRates(facts.attendance, threshold)],
  };
}

/** Attended (present or late) over sessions that counted (excused ones do not), per group kind. */
function attendanceRates(records: readonly AttendanceFacts[], threshold: number) {
  const rateOf = (list: readonly AttendanceFacts[]) => {
    const attended = list.filter((r) => r.status === "present" || r.status === "late").length;
    const counted = list.filter((r) => r.status !== "excused").length;
    return rateOver(attended, counted, new Set(list.map((r) => r.enrolmentId)).size, threshold);
  };
  return {
    id: "attendance.rate",
    rowsBy: "groupKind" as const,
    rows: GROUP_KINDS.map((kind) => ({
      key: kind,
      rate: rateOf(records.filter((r) => r.groupKind === kind)),
    })),
    total: rateOf(records),
  };
}
