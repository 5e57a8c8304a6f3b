// After an emergency stay: the requesting team follows the person up (Astree: the aim is durable
// housing) and records what became of them.
import { useState } from "react";
import { type FollowUpOutcome, type Placement, useFollowUp, usePlacements } from "../../api/housing";
import { useT } from "../../i18n/i18n";
import { Button, ChoiceSelect } from "../../ui/fields";
import { useFormatDay } from "./housing-format";
import "../../ui/staff.css";
import { Fact } from "../../ui/fact";
import { Refusal } from "../../ui/notice";
import { ListPage } from "../../ui/query-state";

const OUTCOMES: FollowUpOutcome[] = [
  "durable_housing",
  "still_searching",
  "back_in_emergency",
  "lost_contact",
];

export function HousingFollowUpsScreen() {
  const t = useT();
  const due = usePlacements({ followUp: "pending" });
  return (
    <ListPage
      title={t("housing.followUps.title")}
      hint={t("housing.followUps.hint")}
      query={due}
      empty={t("housing.followUps.none")}
      className="plain-list"
      item={(p) => <FollowUpRow key={p.id} placement={p} />}
    />
  );
}

function FollowUpRow({ placement }: { placement: Placement }) {
  const t = useT();
  const day = useFormatDay();
  const record = useFollowUp();
  const [outcome, setOutcome] = useState<FollowUpOutcome>("durable_housing");
  return (
    <li className="card">
      <h2 className="task-title">{placement.personRef}</h2>
      <dl className="task-facts">
        <Fact term={t("housing.followUps.exit")}>
          {placement.exit ? t(`housing.exit.${placement.exit}` as never) : ""}
        </Fact>
        <Fact term={t("housing.followUps.ended")}>{day(placement.endDate)}</Fact>
        <Fact term={t("housing.followUps.due")}>{day(placement.followUpDue)}</Fact>
      </dl>
      <div className="actions">
        <ChoiceSelect
          label={t("housing.followUps.outcome")}
          choices={OUTCOMES}
          labelOf={(o) => t(`housing.outcome.${o}` as never)}
          value={outcome}
          onChange={setOutcome}
        />
        <Button isPending={record.isPending} onPress={() => record.mutate({ id: placement.id, outcome })}>
          {t("housing.followUps.record")}
        </Button>
      </div>
      <Refusal error={record.error} outlivesRow />
    </li>
  );
}
