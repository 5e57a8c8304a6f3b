// Overdue tasks and breached deadlines in one list, with what was already done: attempts, and when
// the team was alerted that the task was due and overdue.
import { useEscalations } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Page, RefreshButton } from "../../ui/layout";
import { QueryTable } from "../../ui/table";

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
          {
            header: t("escalations.kind"),
            cell: (e) => (
              <span className={`badge ${e.kind !== "breached" ? "overdue" : ""}`}>
                {t(
                  e.kind === "overdue"
                    ? "escalations.overdue"
                    : e.kind === "raised"
                      ? "criticality.escalationRaised"
                      : "escalations.breached",
                )}
              </span>
            ),
          },
          {
            header: t("escalations.team"),
            cell: (e) => (e.team === "coordination" ? t("oversight.coordinationQueue") : e.team),
          },
          { header: t("oversight.role"), cell: (e) => t(`personRole.${e.role}`) },
          { header: t("oversight.risk"), cell: (e) => t(`risk.${e.riskLevel}`) },
          { header: t("oversight.deadline"), cell: (e) => time(e.slaDeadline, STAFF_TIME_ZONE) },
          {
            header: t("escalations.reachedAt"),
            cell: (e) =>
              e.reachedAt
                ? time(e.reachedAt, STAFF_TIME_ZONE)
                : e.outcome === "unreachable"
                  ? t("escalations.unreachable")
                  : "—",
          },
          { header: t("oversight.attempts"), cell: (e) => e.attempts },
          {
            header: t("escalations.alerts"),
            cell: (e) => (
              <ul className="plain">
                <li>
                  {e.dueAlertAt
                    ? t("escalations.dueAlert", { at: time(e.dueAlertAt, STAFF_TIME_ZONE) })
                    : t("escalations.noDueAlert")}
                </li>
                <li>
                  {e.overdueAlertAt
                    ? t("escalations.overdueAlert", { at: time(e.overdueAlertAt, STAFF_TIME_ZONE) })
                    : t("escalations.noOverdueAlert")}
                </li>
                {e.claimedBy && <li>{t("escalations.claimedBy", { who: e.claimedBy })}</li>}
              </ul>
            ),
          },
        ]}
        rowKey={(e) => e.id}
        rowProps={(e) => ({ className: e.kind !== "breached" ? "row-alert" : undefined })}
      />
    </Page>
  );
}
