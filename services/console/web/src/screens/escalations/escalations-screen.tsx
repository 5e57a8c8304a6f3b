// Overdue tasks and breached deadlines in one list, with what was already done: attempts, and when
// the team was alerted that the task was due and overdue.
import { useEscalations } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Page, RefreshButton } from "../../ui/layout";
import { QueryTable } from "../../ui/table";

const ZONE = "Europe/Brussels";

export function EscalationsScreen() {
  const t = useT();
  const time = useFormatTime();
  const list = useEscalations();
  return (
    <Page title={t("escalations.title")} actions={<RefreshButton onRefresh={list.refetch} />}>
      <QueryTable
        query={list}
        empty={t("escalations.empty")}
        caption={t("escalations.title")}
        columns={[
          t("escalations.kind"),
          t("escalations.team"),
          t("oversight.role"),
          t("oversight.risk"),
          t("oversight.deadline"),
          t("escalations.reachedAt"),
          t("oversight.attempts"),
          t("escalations.alerts"),
        ]}
        row={(e) => (
          <tr key={e.id} className={e.kind !== "breached" ? "row-alert" : undefined}>
            <td>
              <span className={`badge ${e.kind !== "breached" ? "overdue" : ""}`}>
                {t(
                  e.kind === "overdue"
                    ? "escalations.overdue"
                    : e.kind === "raised"
                      ? "criticality.escalationRaised"
                      : "escalations.breached",
                )}
              </span>
            </td>
            <td>{e.team === "coordination" ? t("oversight.coordinationQueue") : e.team}</td>
            <td>{t(`personRole.${e.role}`)}</td>
            <td>{t(`risk.${e.riskLevel}`)}</td>
            <td>{time(e.slaDeadline, ZONE)}</td>
            <td>
              {e.reachedAt
                ? time(e.reachedAt, ZONE)
                : e.outcome === "unreachable"
                  ? t("escalations.unreachable")
                  : "—"}
            </td>
            <td>{e.attempts}</td>
            <td>
              <ul className="plain">
                <li>
                  {e.dueAlertAt
                    ? t("escalations.dueAlert", { at: time(e.dueAlertAt, ZONE) })
                    : t("escalations.noDueAlert")}
                </li>
                <li>
                  {e.overdueAlertAt
                    ? t("escalations.overdueAlert", { at: time(e.overdueAlertAt, ZONE) })
                    : t("escalations.noOverdueAlert")}
                </li>
                {e.claimedBy && <li>{t("escalations.claimedBy", { who: e.claimedBy })}</li>}
              </ul>
            </td>
          </tr>
        )}
      />
    </Page>
  );
}
