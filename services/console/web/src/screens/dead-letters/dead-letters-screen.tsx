// Events a service gave up on: what failed, when, how often, the error. The event itself may carry
// a person, so it stays closed until the coordinator opens it (that read is audited); replay one or all.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import {
  type DeadLetter,
  SERVICES,
  type ServiceName,
  useDeadLetters,
  useOpenDeadLetter,
  useRefreshDeadLetters,
  useReplay,
} from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Fact } from "../../ui/fact";
import { Button } from "../../ui/fields";
import { Page, RefreshButton } from "../../ui/layout";
import { Notice, Refusal } from "../../ui/notice";
import { QueryList } from "../../ui/query-state";
import { TaskAnnouncement } from "./task-announcement";

export function DeadLettersScreen() {
  const t = useT();
  const refresh = useRefreshDeadLetters();
  return (
    <Page title={t("deadLetters.title")} actions={<RefreshButton onRefresh={refresh} />}>
      {SERVICES.map((service) => (
        <ServiceDeadLetters key={service} service={service} />
      ))}
      <TaskAnnouncement />
    </Page>
  );
}

function ServiceDeadLetters({ service }: { service: ServiceName }) {
  const t = useT();
  const list = useDeadLetters(service);
  const replay = useReplay(service);
  const [outcome, setOutcome] = useState<string | null>(null);
  const dead = list.data?.filter((d) => d.status === "dead") ?? [];
  const title = t("deadLetters.service", { service: t(`deadLetters.services.${service}`) });
  return (
    <section className="card" aria-label={title}>
      <div className="page-head">
        <h2>{title}</h2>
        <Button
          variant="secondary"
          isDisabled={dead.length === 0}
          isPending={replay.isPending}
          onPress={() =>
            replay.mutate(
              {
                upTo:
                  dead
                    .map((d) => d.createdAt)
                    .sort()
                    .at(-1) ?? "",
              },
              {
                onSuccess: (r) =>
                  setOutcome(
                    "replayed" in r
                      ? t("deadLetters.replayedAll", { replayed: r.replayed, failed: r.failed })
                      : null,
                  ),
              },
            )
          }
        >
          {t("deadLetters.replayAll")}
        </Button>
      </div>
      {outcome && (
        <p role="status" className="notice">
          {outcome}
        </p>
      )}
      <QueryList
        query={list}
        empty={t("deadLetters.none")}
        className="dead-letters"
        item={(letter) => <DeadLetterRow key={letter.id} service={service} letter={letter} />}
      />
    </section>
  );
}

function DeadLetterRow({ service, letter }: { service: ServiceName; letter: DeadLetter }) {
  const t = useT();
  const time = useFormatTime();
  const open = useOpenDeadLetter(service);
  const replay = useReplay(service);
  const [shown, setShown] = useState(false);
  const problem = problemOf(replay.error);
  return (
    <li className="dead-letter">
      <h3>{letter.subject}</h3>
      <dl className="task-facts">
        <Fact term={t("deadLetters.consumer")}>{letter.consumer}</Fact>
        <Fact term={t("deadLetters.when")}>{time(letter.createdAt, STAFF_TIME_ZONE)}</Fact>
        <Fact term={t("deadLetters.deliveries")}>{letter.deliveries}</Fact>
        <Fact term={t("deadLetters.state")}>
          {letter.status === "replayed"
            ? t("deadLetters.replayedAt", { at: time(letter.replayedAt, STAFF_TIME_ZONE) })
            : t("deadLetters.dead")}
        </Fact>
      </dl>
      <p className="error-text">
        <strong>{t("deadLetters.error")}</strong> <code>{letter.error}</code>
      </p>
      {replay.isSuccess && <Notice tone="success">{t("deadLetters.replayed")}</Notice>}
      <Refusal
        problem={problem}
        codes={{ replay_failed: t("deadLetters.replayFailed", { detail: problem?.detail ?? "" }) }}
      />
      <div className="actions">
        {letter.status === "dead" && (
          <Button isPending={replay.isPending} onPress={() => replay.mutate(letter.id)}>
            {t("deadLetters.replay")}
          </Button>
        )}
        <Button
          variant="secondary"
          isPending={open.isPending}
          onPress={() => {
            if (shown) setShown(false);
            else open.mutate(letter.id, { onSuccess: () => setShown(true) });
          }}
        >
          {shown ? t("deadLetters.close") : t("deadLetters.open")}
        </Button>
      </div>
      {!shown && <p className="hint">{t("deadLetters.openAudited")}</p>}
      {shown && open.data && (
        <figure className="plain">
          <figcaption>{t("deadLetters.payload")}</figcaption>
          <pre className="payload">{JSON.stringify(open.data.payload, null, 2)}</pre>
        </figure>
      )}
    </li>
  );
}
