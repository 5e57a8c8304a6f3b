// An action's status (open, done, cancelled), changed in place: for the organiser and the owner.
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
