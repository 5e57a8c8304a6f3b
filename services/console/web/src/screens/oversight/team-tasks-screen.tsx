// One team's open tasks, as the SLA overview counts them: due, deadline, overdue, attempts, holder.
// No person's data: the task's role and risk only; the contact card stays behind a claim.
import { Link, useParams } from "@tanstack/react-router";
import { useTeamTasks } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Page } from "../../ui/layout";
import { QueryTable } from "../../ui/table";

export function TeamTasksScreen() {
  const t = useT();
  const time = useFormatTime();
  const { team } = useParams({ strict: false }) as { team: string };
  const tasks = useTeamTasks(team);
  const title = team === "coordination" ? t("oversight.coordinationQueue") : team;
  return (
    <Page title={t("oversight.teamTasksTitle", { team: title })}>
      <p>
        <Link to="/coordination/oversight">{t("oversight.back")}</Link>
      </p>
      <QueryTable
        query={tasks}
        empty={t("oversight.noOpenTasks")}
        caption={t("oversight.teamTasksTitle", { team: title })}
        columns={[
          { header: t("oversight.role"), cell: (task) => t(`personRole.${task.role}`) },
          { header: t("oversight.risk"), cell: (task) => t(`risk.${task.riskLevel}`) },
          { header: t("oversight.dueAt"), cell: (task) => time(task.dueAt, STAFF_TIME_ZONE) },
          { header: t("oversight.deadline"), cell: (task) => time(task.slaDeadline, STAFF_TIME_ZONE) },
          {
            header: t("oversight.state"),
            cell: (task) =>
              task.overdue ? (
                <span className="badge overdue">{t("oversight.overdueBadge")}</span>
              ) : task.due ? (
                <span className="badge due">{t("oversight.dueBadge")}</span>
              ) : (
                <span className="badge">{t("oversight.waitingBadge")}</span>
              ),
          },
          { header: t("oversight.attempts"), cell: (task) => task.attempts },
          { header: t("oversight.holder"), cell: (task) => task.claimedBy ?? "—" },
        ]}
        rowKey={(task) => task.id}
        rowProps={(task) => ({ className: task.overdue ? "row-alert" : undefined })}
      />
    </Page>
  );
}
