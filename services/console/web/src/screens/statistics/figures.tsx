// One figure of the statistics: a chart (recharts, loaded with this screen's chunk only) and the
// same figures as a table, which is what screen readers and the CSV read. The chart is hidden
// from assistive technology: the table right under it says everything it shows, and more
// (suppressed cells are named, not left out).
import type { ReactElement, ReactNode } from "react";
import { useIntl } from "react-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CountTable, DurationTable, RateTable } from "../../api/statistics";
import { type MessageId, useT } from "../../i18n/i18n";
import { DataTable } from "../../ui/table";

const COLOURS = ["#1f5f8b", "#c8553d", "#2f855a", "#8a5a9e", "#6b7280"];

export interface Share {
  label: MessageId;
  /** Categories whose sum is the numerator. */
  of: string[];
  /** Categories whose sum is the denominator; the row total when absent. */
  among?: string[];
}

/** The frame of a figure: its title, the chart when there is something to draw, then its table. */
function Figure({
  tableId,
  title,
  chart,
  children,
}: {
  tableId: string;
  title: string;
  chart?: { data: object[]; yAxis: ReactElement; bars: ReactNode; legend?: boolean };
  children: ReactNode;
}) {
  const id = `fig-${tableId.replace(/\W/g, "-")}`;
  return (
    <figure className="card stats-figure" aria-labelledby={id}>
      <figcaption id={id} className="stats-title">
        {title}
      </figcaption>
      {chart && (
        <div className="stats-chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={chart.data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              {chart.yAxis}
              <Tooltip />
              {chart.legend !== false && <Legend />}
              {chart.bars}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {children}
    </figure>
  );
}

function useSuppressed() {
  const t = useT();
  return (value: number | null, format: (n: number) => string = String) =>
    value === null ? <span className="stats-suppressed">{t("stats.suppressed")}</span> : format(value);
}

function shareOf(cells: (number | null)[], total: number | null, categories: string[], share: Share) {
  const pick = (names: string[]) => {
    let sum = 0;
    for (const name of names) {
      const value = cells[categories.indexOf(name)];
      if (value === null || value === undefined) return null;
      sum += value;
    }
    return sum;
  };
  const numerator = pick(share.of);
  const denominator = share.among ? pick(share.among) : total;
  if (numerator === null || denominator === null) return null; // a part or the whole is hidden
  if (denominator === 0) return undefined; // nothing to share out
  return numerator / denominator;
}

export function CountFigure({
  table,
  title,
  rowLabel,
  share,
  categoryLabel,
}: {
  table: CountTable;
  title: string;
  rowLabel: (key: string) => string;
  share?: Share;
  /** A feature's own labels for its categories (its catalogue); `stats.cat.<category>` otherwise. */
  categoryLabel?: (category: string) => string;
}) {
  const t = useT();
  const label = categoryLabel ?? ((category: string) => t(`stats.cat.${category}` as MessageId));
  const intl = useIntl();
  const show = useSuppressed();
  const percent = (value: number | null | undefined) =>
    value === undefined ? (
      "–"
    ) : value === null ? (
      <span className="stats-suppressed">{t("stats.suppressed")}</span>
    ) : (
      intl.formatNumber(value, { style: "percent", maximumFractionDigits: 1 })
    );
  const data = table.rows.map((row) => ({
    name: rowLabel(row.key),
    ...Object.fromEntries(table.categories.map((c, i) => [c, row.cells[i]])),
  }));
  const chart = {
    data,
    yAxis: <YAxis allowDecimals={false} />,
    bars: table.categories.map((category, i) => (
      <Bar
        key={category}
        dataKey={category}
        name={label(category)}
        stackId="a"
        fill={COLOURS[i % COLOURS.length]}
        isAnimationActive={false}
      />
    )),
  };
  /** A row's cells, the totals' too: its label, a count per category, the total, the share asked for. */
  const cellsOf = (label: string, counts: typeof table.totals, total: typeof table.total) => (
    <>
      <th scope="row">{label}</th>
      {counts.map((value, i) => (
        <td key={table.categories[i]}>{show(value)}</td>
      ))}
      <td>{show(total)}</td>
      {share && <td>{percent(shareOf(counts, total, table.categories, share))}</td>}
    </>
  );
  return (
    <Figure tableId={table.id} title={title} chart={table.rows.length > 0 ? chart : undefined}>
      <table className="table stats-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`stats.by.${table.rowsBy}` as MessageId)}</th>
            {table.categories.map((category) => (
              <th scope="col" key={category}>
                {label(category)}
              </th>
            ))}
            <th scope="col">{t("stats.total")}</th>
            {share && <th scope="col">{t(share.label)}</th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>{cellsOf(rowLabel(row.key), row.cells, row.total)}</tr>
          ))}
        </tbody>
        <tfoot>
          <tr>{cellsOf(t("stats.total"), table.totals, table.total)}</tr>
        </tfoot>
      </table>
    </Figure>
  );
}

export function DurationFigure({
  table,
  title,
  rowLabel,
}: {
  table: DurationTable;
  title: string;
  rowLabel: (key: string) => string;
}) {
  const t = useT();
  const show = useSuppressed();
  const hours = (n: number) => t("stats.hours", { hours: n });
  const chart = {
    data: table.rows.map((row) => ({ name: rowLabel(row.key), median: row.median, p90: row.p90 })),
    yAxis: <YAxis />,
    bars: [
      <Bar
        key="median"
        dataKey="median"
        name={t("stats.median")}
        fill={COLOURS[0]}
        isAnimationActive={false}
      />,
      <Bar key="p90" dataKey="p90" name={t("stats.p90")} fill={COLOURS[1]} isAnimationActive={false} />,
    ],
  };
  return (
    <Figure tableId={table.id} title={title} chart={table.rows.length > 0 ? chart : undefined}>
      <DataTable
        caption={title}
        rows={[...table.rows, { key: "", ...table.total }]}
        columns={[
          {
            header: t(`stats.by.${table.rowsBy}` as MessageId),
            rowHeader: true,
            cell: (row) => (row.key ? rowLabel(row.key) : t("stats.total")),
          },
          { header: t("stats.median"), cell: (row) => show(row.median, hours) },
          { header: t("stats.p90"), cell: (row) => show(row.p90, hours) },
        ]}
        className="stats-table"
        rowKey={(row) => row.key || "total"}
      />
    </Figure>
  );
}

export function RateFigure({ table, title }: { table: RateTable; title: string }) {
  const t = useT();
  const intl = useIntl();
  const show = useSuppressed();
  const percent = (n: number) => intl.formatNumber(n, { style: "percent", maximumFractionDigits: 1 });
  const label = (key: string) => t(`groupKind.${key}` as MessageId);
  const chart = {
    data: table.rows.map((row) => ({
      name: label(row.key),
      rate: row.rate === null ? null : Math.round(row.rate * 1000) / 10,
    })),
    yAxis: <YAxis domain={[0, 100]} unit=" %" />,
    bars: <Bar dataKey="rate" name={t("stats.rate")} fill={COLOURS[2]} isAnimationActive={false} />,
    legend: false,
  };
  return (
    <Figure tableId={table.id} title={title} chart={chart}>
      <DataTable
        caption={title}
        rows={[...table.rows, { key: "", rate: table.total }]}
        columns={[
          {
            header: t("stats.by.groupKind"),
            rowHeader: true,
            cell: (row) => (row.key ? label(row.key) : t("stats.total")),
          },
          { header: t("stats.rate"), cell: (row) => show(row.rate, percent) },
        ]}
        className="stats-table"
        rowKey={(row) => row.key || "total"}
      />
    </Figure>
  );
}
