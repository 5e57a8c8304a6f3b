// Log one call attempt. Voicemail is offered only when the person allowed it.
import { problemOf } from "../../api/clients";
import { type CallbackTask, type ClaimedTask, useLogAttempt } from "../../api/referrals";
import { useT } from "../../i18n/i18n";
import { Button, Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import { ServiceForm, useDraft, useKeyedSubmit } from "../../ui/form";
import { Refusal } from "../../ui/notice";

const OUTCOMES = ["reached", "no_answer", "voicemail_left", "unsafe_to_talk", "wrong_number"] as const;

export function AttemptForm({
  task,
  onLogged,
}: {
  task: ClaimedTask;
  onLogged: (task: CallbackTask) => void;
}) {
  const t = useT();
  const { draft, setDraft, field, choose } = useDraft({
    outcome: "",
    channel: task.person.preferences.channels[0] ?? "phone",
    note: "",
  });
  const { outcome, channel, note } = draft;
  const log = useLogAttempt(task.id);
  const submit = useKeyedSubmit(log);
  const problem = problemOf(log.error);
  const voicemail = task.person.preferences.voicemailAllowed;
  return (
    <section className="card" aria-labelledby="attempt-title">
      <h2 id="attempt-title">{t("attempt.title")}</h2>
      <ServiceForm
        problem={problem}
        onSubmit={() => {
          if (!outcome || log.isPending) return;
          submit(
            {
              outcome: outcome as (typeof OUTCOMES)[number],
              channel: channel as "phone" | "sms" | "email",
              ...(note.trim() ? { note } : {}),
            },
            {
              onSuccess: (next) => {
                setDraft((d) => ({ ...d, outcome: "", note: "" }));
                onLogged(next);
              },
            },
          );
        }}
      >
        <RadioGroup label={t("attempt.outcome")} {...field("outcome")} isRequired>
          {OUTCOMES.map((o) => (
            <Radio key={o} value={o} isDisabled={o === "voicemail_left" && !voicemail}>
              {t(`attemptOutcome.${o}` as never)}
              {o === "voicemail_left" && !voicemail && ` (${t("attempt.voicemailNotAllowed")})`}
            </Radio>
          ))}
        </RadioGroup>
        <Select
          name="channel"
          label={t("attempt.channel")}
          {...choose("channel")}
          options={task.person.preferences.channels.map((c) => ({
            id: c,
            label: t(`channel.${c}` as never),
          }))}
        />
        <TextField label={t("attempt.note")} multiline {...field("note")} />
        <Refusal problem={problem} />
        <Button type="submit" isPending={log.isPending} isDisabled={!outcome}>
          {t("attempt.submit")}
        </Button>
      </ServiceForm>
    </section>
  );
}
