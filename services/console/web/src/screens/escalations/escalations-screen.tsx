// Overdue tasks and breached deadlines in one list, with what was already done: attempts, and when
// the team was alerted that the task was due and overdue.
import { useEscalations } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";

const ZONE = "Europe/Brussels";

export function EscalationsScreen() {
  const t = useT();
  const time = useFormatTime();
  const list = useEscalations();
  return (
    <Page
      title={t("escalations.title")}
      actions={
        <Button variant="secondary" onPress={() => list.refetch()}>
          {t("common.refresh")}
        </Button>
      }
    >
      {list.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : list.data.length === 0 ? (
        <p>{t("escalations.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("escalations.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("escalations.kind")}</th>
              <th scope="col">{t("escalations.team")}</th>
              <th scope="col">{t("oversight.role")}</th>
              <th scope="col">{t("oversight.risk")}</th>
              <th scope="col">{t("oversight.deadline")}</th>
              <th scope="col">{t("escalations.reachedAt")}</th>
              <th scope="col">{t("oversight.attempts")}</th>
              <th scope="col">{t("escalations.alerts")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
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
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
