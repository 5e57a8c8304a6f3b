// An action's status (open, done, cancelled), changed in place: for the organiser and the owner.
import type { ReactNode } from "react";
import { type ActionStatus, useSetActionStatus } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Select } from "../../ui/fields";

export function ActionStatusSelect({
  id,
  status,
  label,
}: {
  id: string;
  status: ActionStatus;
  label: string;
}) {
  const t = useT();
  const set = useSetActionStatus();
  return (
    <Select
      label={label}
      selectedKey={status}
      isDisabled={set.isPending}
      onSelectionChange={(k) => set.mutate({ id, status: k as ActionStatus })}
      options={(["open", "done", "cancelled"] as const).map((s) => ({
        id: s,
        label: t(`conferences.status.${s}`),
      }))}
    />
  );
}

/** An action's due line (`lead` — due date, overdue badge) and its status select. */
export function ActionFollowUp({
  action,
  lead,
}: {
  action: { id: string; status: ActionStatus; description: string; dueDate: string; overdue: boolean };
  lead: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <p>
        {lead} — {t("conferences.dueOn", { date: action.dueDate })}
        {action.overdue && <span className="badge overdue">{t("conferences.overdue")}</span>}
      </p>
      <ActionStatusSelect
        id={action.id}
        status={action.status}
        label={t("conferences.actionStatus", { action: action.description })}
      />
    </>
  );
}
