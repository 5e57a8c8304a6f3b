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
                  columns={[
                    t("oversight.team"),
                    t("oversight.open"),
                    t("oversight.dueNow"),
                    t("oversight.dueSoon"),
                    t("oversight.overdue"),
                  ]}
                >
                  {data.teams.map((team) => (
                    <tr key={team.team} className={team.overdue > 0 ? "row-alert" : undefined}>
                      <th scope="row">
                        <Link to="/coordination/oversight/$team" params={{ team: team.team }}>
                          {team.team === "coordination" ? t("oversight.coordinationQueue") : team.team}
                        </Link>
                      </th>
                      <td>{team.open}</td>
                      <td>{team.dueNow}</td>
                      <td>{team.dueSoon}</td>
                      <td>
                        {team.overdue > 0 ? <strong className="badge overdue">{team.overdue}</strong> : 0}
                      </td>
                    </tr>
                  ))}
                </DataTable>
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
                columns={[
                  t("oversight.risk"),
                  t("oversight.slaHours"),
                  t("oversight.tasks"),
                  t("oversight.reached"),
                  t("oversight.median"),
                  t("oversight.p90"),
                  t("oversight.withinSla"),
                  t("oversight.breached"),
                ]}
              >
                {data.risks.map((risk) => (
                  <tr key={risk.riskLevel}>
                    <th scope="row">{t(`risk.${risk.riskLevel}`)}</th>
                    <td>{t("oversight.hours", { hours: risk.slaHours })}</td>
                    <td>{risk.tasks}</td>
                    <td>{risk.reached}</td>
                    <td>{duration(risk.medianMinutes)}</td>
                    <td>{duration(risk.p90Minutes)}</td>
                    <td>{risk.withinSla}</td>
                    <td>
                      {risk.breached > 0 ? <strong className="badge overdue">{risk.breached}</strong> : 0}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
