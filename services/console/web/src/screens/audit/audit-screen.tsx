// Who viewed or changed a person's or a referral's record, when, with which role — and who was
// refused. Filter by record, member of staff, outcome and period; export what is shown as CSV.
// Below, retention: what will be purged when, and what was, as counts.
import { useSearch } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { type AuditFilter, useAudit, useRetention } from "../../api/coordinator";
import { useFormatTime, useMaybeT, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE, zonedToIso } from "../../time/zoned";
import { Button, FilterSelect, TextField } from "../../ui/fields";
import { submitInPlace } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";
import { QueryTable } from "../../ui/table";
import { auditCsv } from "./audit-csv";

export function AuditScreen() {
  const t = useT();
  const maybe = useMaybeT();
  /**
   * "Signalement consulté" for the action `referral.read`, "Signalement" for the record type
   * `referral`; a code this console does not know yet, as itself.
   */
  const say = (kind: "action" | "record", code: string) => {
    return maybe(`audit.${kind}.${code}`) ?? <code>{code}</code>;
  };
  const time = useFormatTime();
  const search = useSearch({ strict: false }) as { record?: string };
  const [record, setRecord] = useState(search.record ?? "");
  const [actor, setActor] = useState("");
  const [outcome, setOutcome] = useState<string | undefined>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [applied, setApplied] = useState<AuditFilter>(() =>
    search.record ? { recordId: search.record } : {},
  );
  const audit = useAudit(applied);
  const apply = () =>
    setApplied({
      ...(record.trim() ? { recordId: record.trim() } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(outcome ? { outcome: outcome as "allowed" | "denied" } : {}),
      ...(from ? { from: zonedToIso(`${from}T00:00`, STAFF_TIME_ZONE) } : {}),
      ...(to ? { to: zonedToIso(`${to}T00:00`, STAFF_TIME_ZONE) } : {}),
    });
  const entries = audit.data?.entries;
  const unavailable = audit.data?.unavailable ?? [];
  const csvHref = useMemo(
    () => (entries ? URL.createObjectURL(new Blob([auditCsv(entries)], { type: "text/csv" })) : null),
    [entries],
  );
  useEffect(() => () => (csvHref ? URL.revokeObjectURL(csvHref) : undefined), [csvHref]);
  return (
    <Page title={t("audit.title")}>
      <form className="filters card" onSubmit={submitInPlace(apply)}>
        <TextField
          label={t("audit.record")}
          description={t("audit.recordHint")}
          value={record}
          onChange={setRecord}
        />
        <TextField label={t("audit.actor")} value={actor} onChange={setActor} />
        <FilterSelect
          label={t("audit.outcome")}
          all={t("audit.all")}
          value={outcome}
          onChange={setOutcome}
          options={[
            { id: "allowed", label: t("audit.allowed") },
            { id: "denied", label: t("audit.denied") },
          ]}
        />
        <TextField label={t("audit.from")} type="date" value={from} onChange={setFrom} />
        <TextField label={t("audit.to")} type="date" value={to} onChange={setTo} />
        <div className="actions">
          <Button type="submit">{t("audit.apply")}</Button>
          {csvHref && (
            <a className="button button-secondary" href={csvHref} download="relais-audit.csv">
              {t("audit.exportCsv")}
            </a>
          )}
        </div>
      </form>
      {unavailable.length > 0 && (
        <Notice tone="warning">
          {t("audit.partial", {
            services: unavailable.map((service) => t(`deadLetters.services.${service}`)).join(", "),
          })}
        </Notice>
      )}
      <QueryTable
        query={{ isPending: audit.isPending, isError: audit.isError, data: entries }}
        empty={t("audit.none")}
        caption={t("audit.title")}
        columns={[
          { header: t("audit.when"), cell: (e) => time(e.at, STAFF_TIME_ZONE) },
          { header: t("audit.who"), cell: (e) => e.actor.sub },
          {
            header: t("audit.role"),
            cell: (e) => e.actor.roles.map((r) => t(`role.${r}` as never)).join(", "),
          },
          {
            header: t("audit.what"),
            cell: (e) => (
              <>
                {say("action", e.action)}
                {e.route && <span className="hint"> {e.route}</span>}
              </>
            ),
          },
          {
            header: t("audit.recordColumn"),
            cell: (e) => (
              // A refused attempt's type is its route's first segment, already shown with the route.
              <>
                {e.outcome === "denied" ? null : <>{say("record", e.recordType)} </>}
                <code>{e.recordId}</code>
              </>
            ),
          },
          {
            header: t("audit.outcome"),
            cell: (e) =>
              e.outcome === "denied" ? (
                <span className="badge overdue">{t("audit.deniedStatus", { status: e.status ?? "" })}</span>
              ) : (
                t("audit.allowed")
              ),
          },
        ]}
        rowKey={(e) => `${e.service}:${e.id}`}
        rowProps={(e) => ({ className: e.outcome === "denied" ? "row-alert" : undefined })}
      />
      <Retention />
    </Page>
  );
}

function Retention() {
  const t = useT();
  const time = useFormatTime();
  const retention = useRetention();
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t("retention.title")}</h2>
      <Loaded query={retention}>
        {(data) => (
          <>
            <p>
              {t("retention.rule", { days: data.retentionDays })}{" "}
              {data.nextPurgeAt
                ? t("retention.next", { at: time(data.nextPurgeAt, STAFF_TIME_ZONE, "date") })
                : t("retention.nothingScheduled")}
            </p>
            <div className="retention-tables">
              <MonthTable title={t("retention.upcoming")} rows={data.upcoming} />
              <MonthTable title={t("retention.purged")} rows={data.purged} />
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}

function MonthTable({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ month: string; referrals: number; persons: number }>;
}) {
  const t = useT();
  return (
    <table className="table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t("retention.month")}</th>
          <th scope="col">{t("retention.referrals")}</th>
          <th scope="col">{t("retention.persons")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3}>{t("retention.none")}</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.month}>
              <th scope="row">{r.month}</th>
              <td>{r.referrals}</td>
              <td>{r.persons}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
