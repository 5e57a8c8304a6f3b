// The team's call-back queue, as the service orders it: due first, by risk, then due time. Each
// row says whether the person's safe window is open now, the SLA deadline, attempts and who holds
// a claimed task. Claiming opens the contact card.
import { useNavigate } from "@tanstack/react-router";
import { problemOf } from "../../api/clients";
import { type QueueTask, useClaim, useQueue } from "../../api/referrals";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Fact } from "../../ui/fact";
import { Button } from "../../ui/fields";
import { RefreshButton } from "../../ui/layout";
import { Refusal } from "../../ui/notice";
import { ListPage } from "../../ui/query-state";

export function QueueScreen() {
  const t = useT();
  const time = useFormatTime();
  const queue = useQueue();
  const claim = useClaim();
  const navigate = useNavigate();
  const claimError = problemOf(claim.error);

  const onClaim = (task: QueueTask) =>
    claim.mutate(task.id, {
      onSuccess: () => navigate({ to: "/callbacks/$taskId", params: { taskId: task.id } }),
    });

  return (
    <ListPage
      title={t("queue.title")}
      actions={<RefreshButton onRefresh={queue.refetch} />}
      before={<Refusal problem={claimError} codes={{ already_claimed: t("queue.alreadyClaimed") }} />}
      query={queue}
      empty={t("queue.empty")}
      className="queue"
      item={(task, index) => (
        <li key={task.id} className={`task-row risk-${task.riskLevel}${task.overdue ? " overdue" : ""}`}>
          <div className="task-main">
            <h2 className="task-title">
              {t("queue.taskTitle", { n: index + 1, role: t(`personRole.${task.role}` as never) })}
            </h2>
            <span className={`risk risk-${task.riskLevel}`}>{t(`risk.${task.riskLevel}` as never)}</span>
            {task.due ? (
              <span className="badge due">{t("queue.due")}</span>
            ) : (
              <span className="badge">{t("queue.dueAt", { at: time(task.dueAt, task.timeZone) })}</span>
            )}
            {task.overdue && <span className="badge overdue">{t("queue.overdue")}</span>}
          </div>
          <dl className="task-facts">
            <Fact term={t("queue.window")}>
              {task.windowOpenNow
                ? t("queue.windowOpen")
                : t("queue.windowOpens", { at: time(task.windowOpensAt, task.timeZone) })}
            </Fact>
            <Fact term={t("queue.sla")}>{time(task.slaDeadline, task.timeZone)}</Fact>
            <Fact term={t("queue.attempts")}>{task.attempts}</Fact>
            <Fact term={t("queue.holder")}>{task.claimedBy ?? t("queue.nobody")}</Fact>
          </dl>
          <Button
            onPress={() => onClaim(task)}
            isPending={claim.isPending && claim.variables === task.id}
            aria-label={t("queue.claimLabel", { n: index + 1 })}
          >
            {t("queue.claim")}
          </Button>
        </li>
      )}
    />
  );
}
