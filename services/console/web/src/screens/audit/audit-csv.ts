// The audit rows as CSV (RFC 4180), built in the browser from what the screen shows: no new request,
// and nothing written to the browser's storage.
import type { AuditEntry } from "../../api/coordinator";

const COLUMNS = [
  "at",
  "service",
  "outcome",
  "actor",
  "roles",
  "action",
  "recordType",
  "recordId",
  "status",
  "route",
];

function cell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote everything that needs it; a leading = + - @ is neutralised so a spreadsheet runs no formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(rows: Array<AuditEntry & { service: string }>): string {
  const lines = rows.map((r) =>
    [
      r.at,
      r.service,
      r.outcome,
      r.actor.sub,
      r.actor.roles.join(" "),
      r.action,
      r.recordType,
      r.recordId,
      r.status,
      r.route,
    ]
      .map(cell)
      .join(","),
  );
  return `${[COLUMNS.join(","), ...lines].join("\r\n")}\r\n`;
}
