// Prints the figures as a fixed-width table: value, baseline, ratio, goal.
import type { BenchResult } from "./figures.js";

export function formatTable(results: BenchResult[]): string {
  const header = ["figure", "value", "baseline (same run)", "ratio", "goal"];
  const rows: string[][] = [];
  for (const result of results) {
    for (const figure of result.figures) {
      const value =
        figure.value !== null
          ? `${fmt(figure.value)} ${figure.unit}`
          : (figure.skipped ?? `not measured: ${figure.notMeasured}`);
      const baseline = figure.baseline ? `${fmt(figure.baseline.value)} (${figure.baseline.label})` : "";
      const ratio = figure.ratio === undefined ? "" : fmt(figure.ratio);
      const goal = figure.goal
        ? `${figure.goal}${figure.met === undefined ? "" : figure.met ? " ✓" : " ✗"}`
        : "";
      rows.push([figure.label, value, baseline, ratio, goal]);
    }
  }
  const widths = header.map((title, column) =>
    Math.min(70, Math.max(title.length, ...rows.map((row) => row[column]!.length))),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("-|-"), ...rows.map(line)].join("\n");
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-GB");
  return String(Math.round(value * 1000) / 1000);
}
