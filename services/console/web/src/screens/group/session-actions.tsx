// Move or cancel one session, or change "this and following". The participants are told by the
// notifications service (e-mail or SMS, as each chose), and the screen says so once it is done.
import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { problemOf } from "../../api/clients";
import { type Session, useCancelSession, useMoveSession } from "../../api/groups";
import { useFormatTime, useT } from "../../i18n/i18n";
import { newKey, zonedToIso } from "../../time/zoned";
import { Button, Radio, RadioGroup, TextField } from "../../ui/fields";
import { useDraft, useRuleSentence } from "../../ui/form";
import { ModalForm } from "../../ui/modal-form";

/** `2027-03-23T18:00:00+01:00` → its date and time on the group's clock (the text already is). */
const localParts = (iso: string) => ({ date: iso.slice(0, 10), time: iso.slice(11, 16) });

type PendingMutation = Pick<
  UseMutationResult<unknown, unknown, never>,
  "reset" | "isPending" | "isError" | "error"
>;

function problemMessage(
  t: ReturnType<typeof useT>,
  rule: ReturnType<typeof useRuleSentence>,
  error: unknown,
) {
  const problem = problemOf(error);
  if (!problem) return null;
  if (problem.code === "safety_separation") return t("sessions.separationRefused");
  const sentence = rule(problem.code);
  if (sentence) return sentence;
  if (problem.status === 409) return t("sessions.cannotChange");
  if (problem.status >= 500) return t("common.serverError");
  return t("common.actionFailed");
}

export function SessionActions({
  session,
  groupId,
  timeZone,
  label,
  onDone,
}: {
  session: Session;
  groupId: string;
  timeZone: string;
  /** Which session, as a person reads it: the actions' accessible names carry it. */
  label: string;
  onDone: (what: "moved" | "cancelled") => void;
}) {
  const t = useT();
  const rule = useRuleSentence();
  const [open, setOpen] = useState<"move" | "cancel" | null>(null);
  const move = useMoveSession(groupId);
  const cancel = useCancelSession(groupId);
  const { draft, bind } = useDraft(() => ({
    ...localParts(session.startsAt),
    duration: String(Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000)),
    scope: "single" as string,
    reason: "",
  }));
  const { duration, reason } = draft;
  const scope = draft.scope as "single" | "following";
  const [key, setKey] = useState(newKey);
  /** What both dialogs take from their mutation: open while chosen, reset when dismissed. */
  const dialogOf = (which: "move" | "cancel", mutation: PendingMutation) => ({
    isOpen: open === which,
    onOpenChange: (o: boolean) => {
      if (!o) setOpen(null);
      mutation.reset();
    },
    onClose: () => setOpen(null),
    isPending: mutation.isPending,
    error: mutation.isError && problemMessage(t, rule, mutation.error),
  });

  if (session.status === "cancelled" || Date.parse(session.startsAt) <= Date.now()) return null;
  return (
    <div className="actions">
      {(["move", "cancel"] as const).map((which) => (
        <Button
          key={which}
          variant={which === "cancel" ? "danger" : "secondary"}
          onPress={() => setOpen(which)}
          aria-label={t(`sessions.${which}Label`, { session: label })}
        >
          {t(`sessions.${which}`)}
        </Button>
      ))}
      <ModalForm
        {...dialogOf("move", move)}
        title={t("sessions.moveTitle", { session: label })}
        submit={t("sessions.moveSubmit")}
        onSubmit={() => {
          const startsAt = zonedToIso(`${draft.date}T${draft.time}`, timeZone);
          if (!startsAt || move.isPending) return;
          move.mutate(
            { id: session.id, body: { scope, startsAt, durationMinutes: Number(duration) } },
            {
              onSuccess: () => {
                setOpen(null);
                onDone("moved");
              },
            },
          );
        }}
      >
        <p className="hint">{t("sessions.inZone", { zone: timeZone })}</p>
        <div className="grid">
          <TextField label={t("sessions.newDate")} type="date" {...bind("date")} isRequired />
          <TextField label={t("sessions.newTime")} type="time" {...bind("time")} isRequired />
          <TextField label={t("schedule.duration")} type="number" {...bind("duration")} isRequired />
        </div>
        <RadioGroup label={t("sessions.scope")} {...bind("scope")}>
          <Radio value="single">{t("sessions.scope.single")}</Radio>
          <Radio value="following">{t("sessions.scope.following")}</Radio>
        </RadioGroup>
        <p className="hint">{t("sessions.participantsWillBeTold")}</p>
      </ModalForm>
      <ModalForm
        {...dialogOf("cancel", cancel)}
        title={t("sessions.cancelTitle", { session: label })}
        submit={t("sessions.cancelSubmit")}
        submitVariant="danger"
        onSubmit={() => {
          if (cancel.isPending) return;
          cancel.mutate(
            { id: session.id, reason: reason.trim() || undefined, key },
            {
              onSuccess: () => {
                setOpen(null);
                setKey(newKey());
                onDone("cancelled");
              },
            },
          );
        }}
      >
        <TextField
          label={t("sessions.cancelReason")}
          description={t("sessions.cancelReasonHint")}
          {...bind("reason")}
        />
        <p className="hint">{t("sessions.participantsWillBeTold")}</p>
      </ModalForm>
    </div>
  );
}

/** "mardi 23 mars 2027, 18:00" on the group's clock. */
export function useSessionLabel() {
  const time = useFormatTime();
  return (session: Pick<Session, "startsAt">, timeZone: string) =>
    time(session.startsAt, timeZone, "datetime");
}
