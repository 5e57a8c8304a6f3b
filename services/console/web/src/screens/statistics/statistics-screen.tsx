// What the coordinator reports to the federal programme: each service's own figures for a period,
// by month, police zone, municipality or risk level, as charts with their tables, and one CSV of
// all of it. Small counts arrive already suppressed from the services; shares are computed here
// from published figures only.
import { useEffect, useMemo, useState } from "react";
import { useIntl } from "react-intl";
import { type Breakdown, type StatisticsQuery, useStatistics } from "../../api/statistics";
import { type MessageId, useT } from "../../i18n/i18n";
import { Button, ChoiceSelect, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import { CountFigure, DurationFigure, RateFigure } from "./figures";
import { statisticsCsv } from "./statistics-csv";
import "./statistics.css";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { submitInPlace } from "../../ui/form";

const BREAKDOWNS: Breakdown[] = ["month", "zone", "municipality", "riskLevel"];

/** `YYYY-MM` of now in the organisation's zone, `back` months earlier. */
function monthInZone(back: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: STAFF_TIME_ZONE, year: "numeric", month: "2-digit" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const index = Number(parts.year) * 12 + Number(parts.month) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function StatisticsScreen() {
  const t = useT();
  const intl = useIntl();
  const [from, setFrom] = useState(() => monthInZone(2));
  const [to, setTo] = useState(() => monthInZone(0));
  const [by, setBy] = useState<Breakdown>("month");
  const [query, setQuery] = useState<StatisticsQuery>(() => ({ from, to, by }));
  const statistics = useStatistics(query);
  const rowLabel = (rowsBy: string) => (key: string) => {
    if (rowsBy === "month")
      return intl.formatDate(new Date(`${key}-15T12:00:00Z`), {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      });
    if (rowsBy === "riskLevel") return t(`risk.${key}` as MessageId);
    if (rowsBy === "groupKind") return t(`groupKind.${key}` as MessageId);
    return key;
  };
  const csvHref = useMemo(
    () =>
      statistics.data
        ? URL.createObjectURL(new Blob([statisticsCsv(statistics.data)], { type: "text/csv" }))
        : null,
    [statistics.data],
  );
  useEffect(() => () => (csvHref ? URL.revokeObjectURL(csvHref) : undefined), [csvHref]);
  const data = statistics.data;
  const count = (service: "referrals" | "groups" | "notifications", id: string) =>
    data?.[service].tables.find((table) => table.id === id);
  const figure = (
    service: "referrals" | "groups" | "notifications",
    id: string,
    share?: Parameters<typeof CountFigure>[0]["share"],
  ) => {
    const table = count(service, id);
    return table ? (
      <CountFigure
        table={table}
        title={t(`stats.fig.${id}` as MessageId)}
        rowLabel={rowLabel(table.rowsBy)}
        share={share}
      />
    ) : null;
  };
  const durations = (tables: Parameters<typeof DurationFigure>[0]["table"][]) =>
    tables.map((duration) => (
      <DurationFigure
        key={duration.id}
        table={duration}
        title={t(`stats.fig.${duration.id}` as MessageId)}
        rowLabel={rowLabel(duration.rowsBy)}
      />
    ));
  return (
    <Page
      title={t("stats.title")}
      actions={
        csvHref && (
          <a className="button button-secondary" href={csvHref} download="relais-statistics.csv">
            {t("stats.exportCsv")}
          </a>
        )
      }
    >
      <form
        className="filters card"
        onSubmit={submitInPlace(() => {
          setQuery({ from, to, by });
        })}
      >
        <TextField label={t("stats.from")} type="month" value={from} onChange={setFrom} isRequired />
        <TextField label={t("stats.to")} type="month" value={to} onChange={setTo} isRequired />
        <ChoiceSelect
          label={t("stats.breakdown")}
          choices={BREAKDOWNS}
          labelOf={(b) => t(`stats.by.${b}` as MessageId)}
          value={by}
          onChange={setBy}
        />
        <div className="actions">
          <Button type="submit">{t("stats.apply")}</Button>
        </div>
      </form>
      {statistics.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : statistics.isError || !data ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : (
        <>
          <p className="hint">
            {t("stats.suppressionNote", { max: data.referrals.threshold - 1, zone: data.referrals.timeZone })}
          </p>
          <section aria-labelledby="stats-referrals">
            <h2 id="stats-referrals">{t("stats.section.referrals")}</h2>
            <div className="stats-grid">
              {figure("referrals", "referrals.victimConsent", {
                label: "stats.share.consenting",
                of: ["yes"],
              })}
              {figure("referrals", "referrals.authorConsent", {
                label: "stats.share.consenting",
                of: ["yes"],
              })}
              {figure("referrals", "referrals.routing", {
                label: "stats.share.unroutable",
                of: ["unroutable"],
              })}
            </div>
          </section>
          <section aria-labelledby="stats-callbacks">
            <h2 id="stats-callbacks">{t("stats.section.callbacks")}</h2>
            <div className="stats-grid">
              {figure("referrals", "callbacks.outcome")}
              {count("referrals", "callbacks.referredTo") && (
                <CountFigure
                  table={count("referrals", "callbacks.referredTo")!}
                  title={t("directory.stats.referredTo")}
                  rowLabel={rowLabel(count("referrals", "callbacks.referredTo")!.rowsBy)}
                  categoryLabel={(category) => t(`directory.stats.cat.${category}` as MessageId)}
                />
              )}
              {figure("referrals", "callbacks.contact", { label: "stats.share.reached", of: ["reached"] })}
              {durations(data.referrals.durations)}
            </div>
          </section>
          <section aria-labelledby="stats-groups">
            <h2 id="stats-groups">{t("stats.section.groups")}</h2>
            {data.groups.by !== query.by && <p className="hint">{t("stats.byMonthOnly")}</p>}
            <div className="stats-grid">
              {figure("groups", "placements.outcome", { label: "stats.share.placed", of: ["placed"] })}
              {durations(data.groups.durations)}
              {data.groups.rates.map((rate) => (
                <RateFigure key={rate.id} table={rate} title={t(`stats.fig.${rate.id}` as MessageId)} />
              ))}
              {figure("groups", "programme.outcome", {
                label: "stats.share.completed",
                of: ["completed"],
                among: ["completed", "excluded", "withdrawn"],
              })}
              {figure("groups", "programme.compliance", { label: "stats.share.breached", of: ["breached"] })}
            </div>
          </section>
          <section aria-labelledby="stats-messages">
            <h2 id="stats-messages">{t("stats.section.messages")}</h2>
            {query.by !== "month" && <p className="hint">{t("stats.byMonthOnly")}</p>}
            <div className="stats-grid">
              {figure("notifications", "messages.outcome", {
                label: "stats.share.failed",
                of: ["email.failed", "sms.failed"],
              })}
            </div>
          </section>
        </>
      )}
    </Page>
  );
}
