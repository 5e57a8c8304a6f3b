// Are we calling people back in time? Each team's open tasks now (due, due soon, overdue), and the
// time to first contact per risk level for a chosen period, against the SLA. Teams link to their tasks.
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useSla } from "../../api/coordinator";
import { useT } from "../../i18n/i18n";
import { Select } from "../../ui/fields";
import { Page, RefreshButton } from "../../ui/layout";
import { Loaded } from "../../ui/query-state";
import { DataTable } from "../../ui/table";
import { useDuration } from "./duration";

const PERIODS = [7, 30, 90] as const;

export function OversightScreen() {
  const t = useT();
  const duration = useDuration();
  const [days, setDays] = useState<number>(30);
  const from = useMemo(() => new Date(Date.now() - days * 86_400_000).toISOString(), [days]);
  const sla = useSla(from);
  return (
    <Page title={t("oversight.title")} actions={<RefreshButton onRefresh={sla.refetch} />}>
      <Loaded query={sla}>
        {(data) => (
          <>
            <section aria-labelledby="teams-title" className="card">
              <h2 id="teams-title">{t("oversight.teamsTitle")}</h2>
              {data.teams.length === 0 ? (
                <p>{t("oversight.noOpenTasks")}</p>
              ) : (
                <DataTable
                  rows={data.teams}
                  columns={[
                    {
                      header: t("oversight.team"),
                      rowHeader: true,
                      cell: (team) => (
                        <Link to="/coordination/oversight/$team" params={{ team: team.team }}>
                          {team.team === "coordination" ? t("oversight.coordinationQueue") : team.team}
                        </Link>
                      ),
                    },
                    { header: t("oversight.open"), cell: (team) => team.open },
                    { header: t("oversight.dueNow"), cell: (team) => team.dueNow },
                    { header: t("oversight.dueSoon"), cell: (team) => team.dueSoon },
                    {
                      header: t("oversight.overdue"),
                      cell: (team) =>
                        team.overdue > 0 ? <strong className="badge overdue">{team.overdue}</strong> : 0,
                    },
                  ]}
                  rowKey={(team) => team.team}
                  rowProps={(team) => ({ className: team.overdue > 0 ? "row-alert" : undefined })}
                />
              )}
            </section>
            <section aria-labelledby="risks-title" className="card">
              <div className="page-head">
                <h2 id="risks-title">{t("oversight.firstContactTitle")}</h2>
                <Select
                  label={t("oversight.period")}
                  selectedKey={String(days)}
                  onSelectionChange={(key) => setDays(Number(key))}
                  options={PERIODS.map((d) => ({
                    id: String(d),
                    label: t("oversight.lastDays", { days: d }),
                  }))}
                />
              </div>
              <DataTable
                rows={data.risks}
                columns={[
                  {
                    header: t("oversight.risk"),
                    rowHeader: true,
                    cell: (risk) => t(`risk.${risk.riskLevel}`),
                  },
                  {
                    header: t("oversight.slaHours"),
                    cell: (risk) => t("oversight.hours", { hours: risk.slaHours }),
                  },
                  { header: t("oversight.tasks"), cell: (risk) => risk.tasks },
                  { header: t("oversight.reached"), cell: (risk) => risk.reached },
                  { header: t("oversight.median"), cell: (risk) => duration(risk.medianMinutes) },
                  { header: t("oversight.p90"), cell: (risk) => duration(risk.p90Minutes) },
                  { header: t("oversight.withinSla"), cell: (risk) => risk.withinSla },
                  {
                    header: t("oversight.breached"),
                    cell: (risk) =>
                      risk.breached > 0 ? <strong className="badge overdue">{risk.breached}</strong> : 0,
                  },
                ]}
                rowKey={(risk) => risk.riskLevel}
              />
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
