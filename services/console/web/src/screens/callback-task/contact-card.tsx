// What the worker needs for the call, and nothing else: number, e-mail, language, safe windows,
// in large letters whether a voicemail may be left, and the reminder to hide their own number.
import { useEffect, useState } from "react";
import type { ClaimedTask } from "../../api/referrals";
import { useT } from "../../i18n/i18n";
import { Fact } from "../../ui/fact";
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
        <Fact term={t("card.phone")}>
          {person.contact.phone ? <a href={`tel:${person.contact.phone}`}>{person.contact.phone}</a> : "—"}
        </Fact>
        <Fact term={t("card.email")}>
          {person.contact.email ? <a href={`mailto:${person.contact.email}`}>{person.contact.email}</a> : "—"}
        </Fact>
        <Fact term={t("card.language")}>{t(`language.${person.language}` as never)}</Fact>
        <Fact term={t("card.channels")}>
          {person.preferences.channels.map((c) => t(`channel.${c}` as never)).join(", ")}
        </Fact>
        <Fact term={t("card.safeWindows")}>
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
        </Fact>
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
