// The schedule builder's rule: weekdays, a start time, a first date and a count or an end date,
// turned into the RRULE the groups service expands, and the local dates it will give. The dates
// are wall-clock dates in the group's zone: the calendar arithmetic below never touches an
// offset (zonedToIso places each one in the zone, so 18:00 stays 18:00 across DST).
import { zonedToIso } from "./zoned";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleDraft {
  weekdays: Weekday[];
  /** `HH:mm` */
  startTime: string;
  durationMinutes: number;
  /** `YYYY-MM-DD` */
  firstDate: string;
  end: { kind: "count"; count: number } | { kind: "until"; until: string };
  timeZone: string;
}

/** The service's limit. */
export const MAX_SESSIONS = 200;

export function toRrule(draft: ScheduleDraft): string {
  const days = WEEKDAYS.filter((d) => draft.weekdays.includes(d)).join(",");
  const end =
    draft.end.kind === "count" ? `COUNT=${draft.end.count}` : `UNTIL=${draft.end.until.replaceAll("-", "")}`;
  return `FREQ=WEEKLY;BYDAY=${days};${end}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function weekdayOf(y: number, m: number, d: number): Weekday {
  // Date.UTC as a calendar only: 0 = Sunday.
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** Whether the draft can be turned into a schedule, and if not which field to fix. */
export function draftProblem(
  draft: ScheduleDraft,
): "weekdays" | "startTime" | "firstDate" | "end" | undefined {
  if (draft.weekdays.length === 0) return "weekdays";
  if (!TIME.test(draft.startTime)) return "startTime";
  if (!DATE.test(draft.firstDate)) return "firstDate";
  if (draft.end.kind === "count" && !(draft.end.count >= 1 && draft.end.count <= MAX_SESSIONS)) return "end";
  if (draft.end.kind === "until" && (!DATE.test(draft.end.until) || draft.end.until < draft.firstDate))
    return "end";
  return undefined;
}

export interface PreviewSession {
  /** `YYYY-MM-DDTHH:mm` on the group's wall clock. */
  local: string;
  /** The same moment as an instant with its offset in the zone. */
  iso: string;
}

/** The sessions the rule gives, from the first matching day on (the service starts there too). */
export function previewSessions(draft: ScheduleDraft, limit = MAX_SESSIONS + 1): PreviewSession[] {
  if (draftProblem(draft)) return [];
  const [, y, m, d] = DATE.exec(draft.firstDate)!.map(Number) as [number, number, number, number];
  const out: PreviewSession[] = [];
  const max = draft.end.kind === "count" ? Math.min(draft.end.count, limit) : limit;
  for (let day = 0; out.length < max && day < 7 * 400; day++) {
    const date = new Date(Date.UTC(y, m - 1, d + day));
    const ymd = date.toISOString().slice(0, 10);
    if (draft.end.kind === "until" && ymd > draft.end.until) break;
    if (!draft.weekdays.includes(weekdayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())))
      continue;
    const local = `${ymd}T${draft.startTime}`;
    const iso = zonedToIso(local, draft.timeZone);
    if (iso) out.push({ local, iso });
  }
  return out;
}

/** The draft as the service's ScheduleInput. */
export function toScheduleInput(draft: ScheduleDraft) {
  return {
    timeZone: draft.timeZone,
    dtstart: `${draft.firstDate}T${draft.startTime}`,
    rrule: toRrule(draft),
    durationMinutes: draft.durationMinutes,
  };
}
