// One claimed task: the contact card, then an attempt, then the outcome once the person was
// reached. A failed attempt gives the task back to the queue with its next due time.
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { problemOf } from "../../api/clients";
import { type CallbackTask, useClaim, useClaimedTask, useRelease } from "../../api/referrals";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { PlacementRequestForm } from "../housing/request-form";
import { AttemptForm } from "./attempt-form";
import { ContactCard } from "./contact-card";
import { CriticalitySection } from "./criticality-section";
import { OutcomeForm } from "./outcome-form";

export function TaskScreen() {
  const t = useT();
  const time = useFormatTime();
  const { taskId } = useParams({ from: "/app/callbacks/$taskId" });
  const claimed = useClaimedTask(taskId);
  const claimAgain = useClaim();
  const release = useRelease();
  const navigate = useNavigate();
  const [latest, setLatest] = useState<CallbackTask | null>(null);
  const backToQueue = (
    <Link to="/callbacks" className="button button-primary">
      {t("task.backToQueue")}
    </Link>
  );

  if (claimed.isPending) return <p role="status">{t("common.loading")}</p>;
  if (claimed.isError) {
    const problem = problemOf(claimed.error);
    return (
      <Page title={t("task.title")}>
        <Notice tone="error">
          {problem?.code === "already_claimed"
            ? t("queue.alreadyClaimed")
            : problem?.code === "task_closed"
              ? t("task.closed")
              : t("common.loadFailed")}
        </Notice>
        {backToQueue}
      </Page>
    );
  }
  const task = claimed.data;
  const current = latest ?? task;
  const timeZone = task.person.timeZone;

  if (current.status === "closed") {
    return (
      <Page title={t("task.title")}>
        <div role="status" className="notice success">
          <p>{t("task.closedAs", { outcome: t(`taskOutcome.${current.outcome ?? "accepted"}` as never) })}</p>
        </div>
        {backToQueue}
      </Page>
    );
  }

  const released = latest !== null && latest.claimedBy === null;
  if (released) {
    return (
      <Page title={t("task.title")}>
        <div role="status" className="notice">
          <p>{t("task.attemptLogged", { attempts: current.attempts })}</p>
          <p className="next-due">{t("task.nextDue", { at: time(current.dueAt, timeZone) })}</p>
        </div>
        <div className="actions">
          {backToQueue}
          <Button
            variant="secondary"
            isPending={claimAgain.isPending}
            onPress={() => claimAgain.mutate(task.id, { onSuccess: () => setLatest(null) })}
          >
            {t("task.claimAgain")}
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t("task.title")}>
      <div className="task-layout">
        <ContactCard
          task={{ ...task, claimExpiresAt: current.claimExpiresAt }}
          releasing={release.isPending}
          onRelease={() => release.mutate(task.id, { onSuccess: () => navigate({ to: "/callbacks" }) })}
        />
        <div className="task-work">
          <p className="hint">
            {t("task.summary", {
              attempts: current.attempts,
              sla: time(current.slaDeadline, timeZone),
            })}
          </p>
          {current.reachedAt ? (
            <>
              <Notice tone="success">{t("task.reached")}</Notice>
              <OutcomeForm task={task} onClosed={setLatest} />
            </>
          ) : (
            <AttemptForm task={task} onLogged={setLatest} />
          )}
          <CriticalitySection taskId={task.id} timeZone={timeZone} />
          <PlacementRequestForm task={task} />
        </div>
      </div>
    </Page>
  );
}
