// One team's open tasks, as the SLA overview counts them: due, deadline, overdue, attempts, holder.
// No person's data: the task's role and risk only; the contact card stays behind a claim.
import { Link, useParams } from "@tanstack/react-router";
import { useTeamTasks } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import { QueryTable } from "../../ui/table";

const ZONE = "Europe/Brussels";

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
          t("oversight.role"),
          t("oversight.risk"),
          t("oversight.dueAt"),
          t("oversight.deadline"),
          t("oversight.state"),
          t("oversight.attempts"),
          t("oversight.holder"),
        ]}
        row={(task) => (
          <tr key={task.id} className={task.overdue ? "row-alert" : undefined}>
            <td>{t(`personRole.${task.role}`)}</td>
            <td>{t(`risk.${task.riskLevel}`)}</td>
            <td>{time(task.dueAt, ZONE)}</td>
            <td>{time(task.slaDeadline, ZONE)}</td>
            <td>
              {task.overdue ? (
                <span className="badge overdue">{t("oversight.overdueBadge")}</span>
              ) : task.due ? (
                <span className="badge due">{t("oversight.dueBadge")}</span>
              ) : (
                <span className="badge">{t("oversight.waitingBadge")}</span>
              )}
            </td>
            <td>{task.attempts}</td>
            <td>{task.claimedBy ?? "—"}</td>
          </tr>
        )}
      />
    </Page>
  );
}
