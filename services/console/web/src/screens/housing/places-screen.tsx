// Housing staff: the places, their capacity and availability, and the stays that hold them. An
// address is fetched only when "show address" is pressed (the service audits that read), kept in
// this row's state, and hidden again on demand; it never enters the query cache, a URL or a title.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import {
  fetchAddress,
  type Place,
  useCreatePlace,
  usePlaces,
  useSetAvailability,
  useUpdatePlace,
} from "../../api/housing";
import { useT } from "../../i18n/i18n";
import { todayIn } from "../../time/calendar";
import { Button, ChoiceSelect, TextField } from "../../ui/fields";
import { FormActions, ServiceForm, topField, useDraft, useKeyedSubmit } from "../../ui/form";
import { useFormatDay } from "./housing-format";
import "../../ui/staff.css";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Fact } from "../../ui/fact";
import { Notice, Refusal } from "../../ui/notice";
import { ListPage } from "../../ui/query-state";

const KINDS: Place["kind"][] = ["hotel_room", "apartment", "shelter_room"];

export function HousingPlacesScreen() {
  const t = useT();
  const places = usePlaces();
  return (
    <ListPage
      title={t("housing.places.title")}
      query={places}
      empty={t("housing.places.empty")}
      className="plain-list"
      item={(p) => <PlaceRow key={p.id} place={p} />}
    >
      <NewPlace />
    </ListPage>
  );
}

function PlaceRow({ place }: { place: Place }) {
  const t = useT();
  const day = useFormatDay();
  const [address, setAddress] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(false);
  const availability = useSetAvailability();
  const update = useUpdatePlace();
  const [until, setUntil] = useState("");
  const show = async () => {
    setLoading(true);
    setFailed(false);
    try {
      setAddress(await fetchAddress(place.id));
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };
  const last = place.windows.at(-1);
  return (
    <li className="card">
      <h2 className="task-title">{place.label}</h2>
      <dl className="task-facts">
        <Fact term={t("housing.places.kind")}>{t(`housing.kind.${place.kind}` as never)}</Fact>
        <Fact term={t("housing.places.capacity")}>
          {t("housing.places.persons", { count: place.capacity })}
        </Fact>
        <Fact term={t("housing.places.available")}>
          {place.windows.length === 0
            ? t("housing.places.notAvailable")
            : place.windows
                .map((w) => t("housing.fromTo", { from: day(w.startsOn), to: day(w.endsOn) }))
                .join(" · ")}
        </Fact>
        <Fact term={t("housing.places.occupied")}>
          {place.stays.length === 0
            ? t("housing.places.free")
            : place.stays.map((s) => t("housing.fromTo", { from: day(s.from), to: day(s.to) })).join(" · ")}
        </Fact>
      </dl>
      <div className="actions">
        {address === null ? (
          <Button
            variant="secondary"
            isPending={loading}
            onPress={show}
            aria-label={t("housing.places.showAddressOf", { label: place.label })}
          >
            {t("housing.places.showAddress")}
          </Button>
        ) : (
          <>
            <p className="address">
              <span className="visually-hidden">{t("housing.places.address")}: </span>
              {address}
            </p>
            <Button variant="secondary" onPress={() => setAddress(null)}>
              {t("housing.places.hideAddress")}
            </Button>
          </>
        )}
      </div>
      <div className="actions">
        <Button
          variant="secondary"
          isPending={update.isPending}
          onPress={() => update.mutate({ id: place.id, active: !place.active })}
        >
          {place.active ? t("housing.places.retire") : t("housing.places.reinstate")}
        </Button>
        {!place.active && <p className="hint">{t("housing.places.retired")}</p>}
      </div>
      <Refusal error={update.error} codes={{ place_holds_stay: t("housing.places.holdsStay") }} />
      {failed && <Notice tone="error">{t("common.actionFailed")}</Notice>}
      <div className="actions">
        <TextField label={t("housing.places.availableUntil")} type="date" value={until} onChange={setUntil} />
        <Button
          variant="secondary"
          isPending={availability.isPending}
          isDisabled={!/^\d{4}-\d{2}-\d{2}$/.test(until)}
          onPress={() =>
            availability.mutate({
              id: place.id,
              windows: [
                ...place.windows.slice(0, -1),
                { startsOn: last?.startsOn ?? todayIn(STAFF_TIME_ZONE), endsOn: until },
              ],
            })
          }
        >
          {t("housing.places.saveAvailability")}
        </Button>
      </div>
      <Refusal
        error={availability.error}
        codes={{ window_holds_stay: t("housing.places.windowHoldsStay") }}
      />
    </li>
  );
}

function NewPlace() {
  const t = useT();
  const create = useCreatePlace();
  const submit = useKeyedSubmit(create);
  const [kind, setKind] = useState<Place["kind"]>("apartment");
  const { draft, setDraft, bind, field } = useDraft(() => ({
    label: "",
    address: "",
    capacity: "2",
    from: todayIn(STAFF_TIME_ZONE),
    to: "",
  }));
  const problem = problemOf(create.error);
  return (
    <ServiceForm
      className="card"
      problem={problem}
      nameOf={topField}
      aria-labelledby="new-place"
      onSubmit={() => {
        const body = {
          kind,
          label: draft.label,
          address: draft.address,
          capacity: Number(draft.capacity),
          windows: draft.to ? [{ startsOn: draft.from, endsOn: draft.to }] : [],
        };
        submit(body, { onSuccess: () => setDraft((d) => ({ ...d, label: "", address: "" })) });
      }}
    >
      <h2 id="new-place">{t("housing.places.new")}</h2>
      <ChoiceSelect
        label={t("housing.places.kind")}
        choices={KINDS}
        labelOf={(k) => t(`housing.kind.${k}` as never)}
        value={kind}
        onChange={setKind}
      />
      <TextField
        label={t("housing.places.label")}
        description={t("housing.places.labelHint")}
        {...field("label")}
        isRequired
      />
      <TextField label={t("housing.places.address")} {...field("address")} isRequired autoComplete="off" />
      <TextField label={t("housing.places.capacity")} inputMode="numeric" {...field("capacity")} />
      <TextField label={t("housing.places.availableFrom")} type="date" {...bind("from")} />
      <TextField label={t("housing.places.availableUntil")} type="date" {...bind("to")} name="windows" />
      <FormActions submit={t("housing.places.add")} isPending={create.isPending} />
      {create.isSuccess && <Notice tone="success">{t("housing.places.added")}</Notice>}
      {problem && !problem.errors?.length && <Refusal problem={problem} />}
    </ServiceForm>
  );
}
