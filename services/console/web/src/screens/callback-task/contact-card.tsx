// What the worker needs for the call, and nothing else: number, e-mail, language, safe windows,
// in large letters whether a voicemail may be left, and the reminder to hide their own number.
import { useEffect, useState } from "react";
import type { ClaimedTask } from "../../api/referrals";
import { useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";

function useSecondsUntil(iso: string | null) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return iso ? Math.max(0, Math.floor((new Date(iso).getTime() - now) / 1000)) : 0;
}

export function ContactCard({
  task,
  onRelease,
  releasing,
}: {
  task: ClaimedTask;
  onRelease: () => void;
  releasing: boolean;
}) {
  const t = useT();
  const { person } = task;
  const left = useSecondsUntil(task.claimExpiresAt);
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, "0");
  return (
    <section className="card contact-card" aria-labelledby="contact-title">
      <h2 id="contact-title">{person.displayName ?? t(`personRole.${task.role}` as never)}</h2>
      <p className={`voicemail ${person.preferences.voicemailAllowed ? "allowed" : "forbidden"}`}>
        {person.preferences.voicemailAllowed ? t("card.voicemailAllowed") : t("card.voicemailForbidden")}
      </p>
      <p className="notice warning">{t("card.withholdCallerId")}</p>
      <dl className="facts">
        <div>
          <dt>{t("card.phone")}</dt>
          <dd>
            {person.contact.phone ? <a href={`tel:${person.contact.phone}`}>{person.contact.phone}</a> : "—"}
          </dd>
        </div>
        <div>
          <dt>{t("card.email")}</dt>
          <dd>
            {person.contact.email ? (
              <a href={`mailto:${person.contact.email}`}>{person.contact.email}</a>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div>
          <dt>{t("card.language")}</dt>
          <dd>{t(`language.${person.language}` as never)}</dd>
        </div>
        <div>
          <dt>{t("card.channels")}</dt>
          <dd>{person.preferences.channels.map((c) => t(`channel.${c}` as never)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("card.safeWindows")}</dt>
          <dd>
            {person.preferences.safeWindows.length === 0 ? (
              t("card.anyTime")
            ) : (
              <ul className="plain">
                {person.preferences.safeWindows.map((w) => (
                  <li key={`${w.days.join()}-${w.from}-${w.to}`}>
                    {w.days.map((d) => t(`day.${d}` as never)).join(", ")} {w.from}–{w.to}
                  </li>
                ))}
              </ul>
            )}
            <span className="hint"> ({person.timeZone})</span>
          </dd>
        </div>
      </dl>
      <div className="lease">
        <p role="timer" aria-live="off">
          {t("card.leaseLeft", { time: `${minutes}:${seconds}` })}
        </p>
        <Button variant="secondary" onPress={onRelease} isPending={releasing}>
          {t("card.release")}
        </Button>
      </div>
    </section>
  );
}
