// Housing staff: requests to confirm (a place held, or none free yet) and the current stays, with
// extension and exit. Which place a request holds is shown by its label; the address only on the
// places screen, behind "show address".
import { useState } from "react";
import { problemOf } from "../../api/clients";
import {
  type Placement,
  type StayExit,
  useConfirm,
  useDecline,
  useExit,
  useExtend,
  usePlacements,
  usePlaces,
} from "../../api/housing";
import { useT } from "../../i18n/i18n";
import { addDays } from "../../time/calendar";
import { Button, ChoiceSelect, Select, TextField } from "../../ui/fields";
import { Page, RefreshButton } from "../../ui/layout";
import { useFormatDay } from "./housing-format";
import "../../ui/staff.css";
import { Fact } from "../../ui/fact";
import { Refusal } from "../../ui/notice";

const EXITS: StayExit[] = ["durable_housing", "back_home", "elsewhere", "unknown"];

export function HousingStaysScreen() {
  const t = useT();
  const pending = usePlacements({ status: "waiting,allocated" });
  const current = usePlacements({ status: "confirmed" });
  return (
    <Page
      title={t("housing.stays.title")}
      actions={<RefreshButton onRefresh={() => Promise.all([pending.refetch(), current.refetch()])} />}
    >
      <h2>{t("housing.stays.pending")}</h2>
      <List query={pending} empty={t("housing.stays.noPending")} label={t("housing.stays.pending")}>
        {(p) => <PendingRow key={p.id} placement={p} />}
      </List>
      <h2>{t("housing.stays.current")}</h2>
      <List query={current} empty={t("housing.stays.noCurrent")} label={t("housing.stays.current")}>
        {(p) => <StayRow key={p.id} placement={p} />}
      </List>
    </Page>
  );
}

function List({
  query,
  empty,
  label,
  children,
}: {
  query: ReturnType<typeof usePlacements>;
  empty: string;
  label: string;
  children: (p: Placement) => React.ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <p role="status">{t("common.loading")}</p>;
  if (query.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  if (query.data.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain-list" aria-label={label}>
      {query.data.map(children)}
    </ul>
  );
}

function Facts({ placement }: { placement: Placement }) {
  const t = useT();
  const day = useFormatDay();
  return (
    <dl className="task-facts">
      <Fact term={t("housing.person")}>{placement.personRef}</Fact>
      <Fact term={t("housing.householdSize")}>{placement.householdSize}</Fact>
      <Fact term={t("housing.urgency")}>{t(`housing.risk.${placement.riskLevel}` as never)}</Fact>
      <Fact term={t("housing.place")}>{placement.place?.label ?? t("housing.noPlaceYet")}</Fact>
      <Fact term={t("housing.dates")}>
        {t("housing.fromTo", { from: day(placement.startDate), to: day(placement.plannedEndDate) })}
      </Fact>
    </dl>
  );
}

function PendingRow({ placement }: { placement: Placement }) {
  const t = useT();
  const places = usePlaces();
  const confirm = useConfirm();
  const decline = useDecline();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const chosen = placeId ?? placement.place?.id ?? null;
  const options = (places.data ?? [])
    .filter((p) => p.active && p.capacity >= placement.householdSize)
    .map((p) => ({ id: p.id, label: t("housing.placeOption", { label: p.label, capacity: p.capacity }) }));
  const problem = problemOf(confirm.error ?? decline.error);
  return (
    <li className="card">
      <h3 className="task-title">{t(`housing.status.${placement.status}` as never)}</h3>
      <Facts placement={placement} />
      <div className="actions">
        {options.length > 0 && (
          <Select
            label={t("housing.stays.choosePlace")}
            selectedKey={chosen}
            onSelectionChange={(k) => {
              setPlaceId(String(k));
              confirm.reset();
            }}
            options={options}
          />
        )}
        <Button
          isPending={confirm.isPending}
          onPress={() => confirm.mutate({ id: placement.id, placeId: chosen ?? undefined })}
        >
          {t("housing.stays.confirm")}
        </Button>
        <Button
          variant="secondary"
          isPending={decline.isPending}
          onPress={() => decline.mutate({ id: placement.id, reason: "declined_by_housing_staff" })}
        >
          {t("housing.stays.decline")}
        </Button>
      </div>
      <Refusal problem={problem} statuses={{ 409: t("housing.stays.cannotConfirm") }} outlivesRow />
    </li>
  );
}

function StayRow({ placement }: { placement: Placement }) {
  const t = useT();
  const extend = useExtend();
  const exit = useExit();
  const [nights, setNights] = useState("7");
  const [exitKind, setExitKind] = useState<StayExit>("durable_housing");
  const problem = problemOf(extend.error ?? exit.error);
  const more = Number(nights);
  return (
    <li className="card">
      <h3 className="task-title">{t("housing.status.confirmed")}</h3>
      <Facts placement={placement} />
      <div className="actions">
        <TextField
          label={t("housing.stays.extendBy")}
          inputMode="numeric"
          value={nights}
          onChange={setNights}
        />
        <Button
          variant="secondary"
          isPending={extend.isPending}
          isDisabled={!Number.isInteger(more) || more < 1}
          onPress={() =>
            extend.mutate({ id: placement.id, plannedEndDate: addDays(placement.plannedEndDate, more) })
          }
        >
          {t("housing.stays.extend")}
        </Button>
      </div>
      <div className="actions">
        <ChoiceSelect
          label={t("housing.stays.exitTo")}
          choices={EXITS}
          labelOf={(e) => t(`housing.exit.${e}` as never)}
          value={exitKind}
          onChange={setExitKind}
        />
        <Button isPending={exit.isPending} onPress={() => exit.mutate({ id: placement.id, exit: exitKind })}>
          {t("housing.stays.end")}
        </Button>
      </div>
      <Refusal problem={problem} statuses={{ 409: t("housing.stays.cannotExtend") }} outlivesRow />
    </li>
  );
}
