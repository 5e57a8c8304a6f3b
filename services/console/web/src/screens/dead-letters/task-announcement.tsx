// For a service added to a running deployment, or restored from a backup: referrals announces the
// call-back tasks again, so housing and notifications learn which team follows which person.
import { useAnnounceTasks } from "../../api/coordinator";
import { useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Notice, Refusal } from "../../ui/notice";

export function TaskAnnouncement() {
  const t = useT();
  const announce = useAnnounceTasks();
  return (
    <section className="card" aria-labelledby="task-announcement-title">
      <h2 id="task-announcement-title">{t("deadLetters.announce.title")}</h2>
      <p>{t("deadLetters.announce.explain")}</p>
      {announce.data && (
        <Notice tone="success">
          {t("deadLetters.announce.done", { opened: announce.data.opened, closed: announce.data.closed })}
        </Notice>
      )}
      <Refusal error={announce.error} />
      <div className="actions">
        <Button isPending={announce.isPending} onPress={() => announce.mutate()}>
          {t("deadLetters.announce.submit")}
        </Button>
      </div>
    </section>
  );
}
