// Every figure on the statistics screen as CSV (RFC 4180), built in the browser from the answers
// shown: one line per figure, suppressed ones as `suppressed` (never a number), totals as `total`.
import type { StatisticsReport } from "../../api/statistics";

const HEADER = ["service", "figure", "breakdown", "row", "category", "value"];

function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const shown = (value: number | null) => (value === null ? "suppressed" : value);

export function statisticsCsv(reports: Record<string, StatisticsReport>): string {
  const lines: (string | number)[][] = [];
  for (const [service, report] of Object.entries(reports)) {
    for (const table of report.tables) {
      for (const row of table.rows) {
        table.categories.forEach((category, c) => {
          lines.push([service, table.id, table.rowsBy, row.key, category, shown(row.cells[c] ?? null)]);
        });
        lines.push([service, table.id, table.rowsBy, row.key, "total", shown(row.total)]);
      }
      table.categories.forEach((category, c) => {
        lines.push([service, table.id, table.rowsBy, "total", category, shown(table.totals[c] ?? null)]);
      });
      lines.push([service, table.id, table.rowsBy, "total", "total", shown(table.total)]);
    }
    for (const duration of report.durations) {
      for (const row of [...duration.rows, { key: "total", ...duration.total }]) {
        lines.push([service, duration.id, duration.rowsBy, row.key, "medianHours", shown(row.median)]);
        lines.push([service, duration.id, duration.rowsBy, row.key, "p90Hours", shown(row.p90)]);
      }
    }
    for (const rate of report.rates) {
      for (const row of [...rate.rows, { key: "total", rate: rate.total }]) {
        lines.push([service, rate.id, rate.rowsBy, row.key, "rate", shown(row.rate)]);
      }
    }
  }
  return `${[HEADER, ...lines].map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`;
}
