// People referred for a kind of group and still waiting for a place: enrol one into a group from
// here. A safety separation (someone they must be kept apart from is in that group or meets at
// the same place and time) is refused, and the message never says who.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import { type Placement, useEnrolFromPlacement, usePlacements } from "../../api/enrolments";
import { useMyGroups } from "../../api/groups";
import { useFormatTime, useT } from "../../i18n/i18n";
import { newKey } from "../../time/zoned";
import { Button, Select } from "../../ui/fields";
import { RefreshButton } from "../../ui/layout";
import "../../ui/staff.css";
import { Fact } from "../../ui/fact";
import { Refusal } from "../../ui/notice";
import { ListPage } from "../../ui/query-state";

export function PlacementsScreen() {
  const t = useT();
  const placements = usePlacements();
  return (
    <ListPage
      title={t("placements.title")}
      actions={<RefreshButton onRefresh={placements.refetch} />}
      hint={t("placements.hint")}
      query={placements}
      empty={t("placements.empty")}
      className="plain-list"
      item={(p) => <PlacementRow key={p.id} placement={p} />}
    />
  );
}

function PlacementRow({ placement }: { placement: Placement }) {
  const t = useT();
  const time = useFormatTime();
  const groups = useMyGroups();
  const enrol = useEnrolFromPlacement();
  const [key, setKey] = useState(newKey);
  const candidates = (groups.data ?? []).filter(
    (g) => g.kind === placement.groupKind && g.language === placement.language,
  );
  const [groupId, setGroupId] = useState<string | null>(null);
  const chosen = groupId ?? candidates[0]?.id ?? null;
  const who = placement.displayName ?? t("roster.unnamed");
  const problem = problemOf(enrol.error);
  return (
    <li className="card placement-row">
      <h2 className="task-title">{who}</h2>
      <dl className="task-facts">
        <Fact term={t("groups.kind")}>{t(`groups.kind.${placement.groupKind}` as never)}</Fact>
        <Fact term={t("groups.language")}>{t(`language.${placement.language}` as never)}</Fact>
        <Fact term={t("groups.municipality")}>{placement.municipality}</Fact>
        <Fact term={t("placements.since")}>{time(placement.createdAt, placement.timeZone, "date")}</Fact>
      </dl>
      {candidates.length === 0 ? (
        <p className="hint">{t("placements.noGroup")}</p>
      ) : (
        <div className="actions placement-actions">
          <Select
            label={t("placements.group", { name: who })}
            selectedKey={chosen}
            onSelectionChange={(k) => {
              setGroupId(String(k));
              enrol.reset();
            }}
            options={candidates.map((g) => ({ id: g.id, label: g.publicName }))}
          />
          <Button
            isPending={enrol.isPending}
            isDisabled={!chosen}
            aria-label={t("placements.enrolLabel", { name: who })}
            onPress={() => {
              if (!chosen) return;
              enrol.mutate(
                { groupId: chosen, placementId: placement.id, key },
                { onError: () => setKey(newKey()) },
              );
            }}
          >
            {t("placements.enrol")}
          </Button>
        </div>
      )}
      <Refusal
        problem={problem}
        codes={{ safety_separation: t("placements.separationRefused") }}
        statuses={{ 409: t("placements.cannotEnrol") }}
        outlivesRow
      />
    </li>
  );
}
