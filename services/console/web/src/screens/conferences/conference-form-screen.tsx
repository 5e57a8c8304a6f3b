// Schedule a case conference or change one: title, zone, place, one-off or recurring (an RRULE in
// the conference's zone), and the invited partner organisations, each with an organisational
// address. Addresses are shown to the organiser only and never go into a URL.
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { problemOf } from "../../api/clients";
import {
  type Conference,
  type InviteeInput,
  useCancelConference,
  useConference,
  useScheduleConference,
  useUpdateConference,
} from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Button, Checkbox, ChoiceSelect, Select, TextField } from "../../ui/fields";
import { bindersOf, FormActions, ServiceForm, useDraft } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Notice, Refusal } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";

type Draft = Omit<InviteeInput, "zone" | "language"> & { zone: string; language: "fr" | "nl" | "en" };
const INVITEE_ROLES: readonly Draft["role"][] = ["partner", "police"];

interface FormState {
  title: string;
  policeZone: string;
  municipality: string;
  location: string;
  dtstart: string;
  durationMinutes: string;
  recurring: boolean;
  rrule: string;
  invitees: Draft[];
}

const EMPTY_INVITEE: Draft = {
  organisation: "",
  organisationName: "",
  role: "partner",
  zone: "",
  email: "",
  language: "fr",
};

function fromConference(c: Conference): FormState {
  return {
    title: c.title,
    policeZone: c.policeZone,
    municipality: c.municipality,
    location: c.location ?? "",
    dtstart: c.schedule.dtstart.slice(0, 16),
    durationMinutes: String(c.schedule.durationMinutes),
    recurring: c.schedule.rrule !== null,
    rrule: c.schedule.rrule ?? "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
    invitees: c.invitees.map((i) => ({
      id: i.id,
      organisation: i.organisation,
      organisationName: i.organisationName,
      role: i.role,
      zone: i.zone ?? "",
      email: i.email ?? "",
      language: i.language,
    })),
  };
}

const NEW: FormState = {
  title: "",
  policeZone: "",
  municipality: "",
  location: "",
  dtstart: "",
  durationMinutes: "120",
  recurring: true,
  rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
  invitees: [{ ...EMPTY_INVITEE }],
};

export function NewConferenceScreen() {
  const t = useT();
  return (
    <Page title={t("conferences.scheduleTitle")}>
      <ConferenceForm initial={NEW} />
    </Page>
  );
}

export function EditConferenceScreen() {
  const t = useT();
  const { conferenceId } = useParams({ strict: false }) as { conferenceId: string };
  const conference = useConference(conferenceId);
  return (
    <Page title={t("conferences.editTitle")}>
      <Loaded query={conference}>
        {(data) => (
          <>
            <ConferenceForm initial={fromConference(data)} id={conferenceId} />
            <CancelConference id={conferenceId} cancelled={data.status === "cancelled"} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function CancelConference({ id, cancelled }: { id: string; cancelled: boolean }) {
  const t = useT();
  const cancel = useCancelConference(id);
  if (cancelled) return <p className="notice">{t("conferences.cancelled")}</p>;
  return (
    <section className="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t("conferences.cancelTitle")}</h2>
      <p>{t("conferences.cancelHint")}</p>
      <Button variant="danger" isPending={cancel.isPending} onPress={() => cancel.mutate()}>
        {t("conferences.cancel")}
      </Button>
      {cancel.isSuccess && <Notice tone="success">{t("conferences.cancelDone")}</Notice>}
    </section>
  );
}

function ConferenceForm({ initial, id }: { initial: FormState; id?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const schedule = useScheduleConference();
  const update = useUpdateConference(id ?? "");
  const mutation = id ? update : schedule;
  const { draft: form, setDraft: setForm, set, bind, field } = useDraft<FormState>(initial);
  const setInvitee = (index: number, patch: Partial<Draft>) =>
    setForm((f) => ({ ...f, invitees: f.invitees.map((i, n) => (n === index ? { ...i, ...patch } : i)) }));
  const problem = problemOf(mutation.error);
  // The zone and municipality decide who may see the conference: chosen once, when scheduling.
  const fixedOnceSaved = { isRequired: !id, isDisabled: Boolean(id) };
  const submit = () => {
    const invitees = form.invitees.map(({ zone, ...i }) => ({
      ...i,
      ...(i.role === "police" ? { zone } : {}),
    }));
    const body = {
      title: form.title.trim(),
      location: form.location.trim() || undefined,
      schedule: {
        timeZone: "Europe/Brussels",
        dtstart: form.dtstart,
        ...(form.recurring ? { rrule: form.rrule.trim() } : {}),
        durationMinutes: Number(form.durationMinutes),
      },
      invitees,
    };
    const done = (c: { id: string }) =>
      navigate({ to: "/conferences/$conferenceId", params: { conferenceId: c.id } });
    if (id) update.mutate(body, { onSuccess: done });
    else
      schedule.mutate(
        { ...body, policeZone: form.policeZone.trim(), municipality: form.municipality.trim() },
        { onSuccess: done },
      );
  };
  return (
    <ServiceForm
      problem={problem}
      onSubmit={() => {
        submit();
      }}
    >
      <div className="grid">
        <TextField label={t("conferences.titleField")} {...field("title")} isRequired />
        <TextField label={t("conferences.zone")} {...field("policeZone")} {...fixedOnceSaved} />
        <TextField label={t("conferences.municipality")} {...field("municipality")} {...fixedOnceSaved} />
        <TextField
          label={t("conferences.place")}
          description={t("conferences.placeHint")}
          {...field("location")}
        />
        <TextField
          name="schedule.dtstart"
          type="datetime-local"
          label={t("conferences.start")}
          description={t("conferences.startHint")}
          {...bind("dtstart")}
          isRequired
        />
        <TextField
          name="schedule.durationMinutes"
          type="number"
          label={t("conferences.duration")}
          {...bind("durationMinutes")}
          isRequired
        />
      </div>
      <Checkbox isSelected={form.recurring} onChange={(v) => set("recurring", v)}>
        {t("conferences.recurringField")}
      </Checkbox>
      {form.recurring && (
        <TextField
          name="schedule.rrule"
          label={t("conferences.rrule")}
          description={t("conferences.rruleHint")}
          {...bind("rrule")}
          isRequired
        />
      )}
      <fieldset className="card">
        <legend>{t("conferences.invitees")}</legend>
        {form.invitees.map((invitee, index) => {
          const row = bindersOf(
            invitee,
            (change) => setInvitee(index, change(invitee)),
            `invitees.${index}.`,
          );
          return (
            <div className="grid invitee" key={index}>
              <TextField
                label={t("conferences.organisationName")}
                {...row.field("organisationName")}
                isRequired
              />
              <TextField
                label={t("conferences.organisation")}
                description={t("conferences.organisationHint")}
                {...row.field("organisation")}
                isRequired
              />
              <ChoiceSelect
                label={t("conferences.role")}
                choices={INVITEE_ROLES}
                labelOf={(role) =>
                  t(role === "police" ? "conferences.rolePolice" : "conferences.rolePartner")
                }
                value={invitee.role}
                onChange={(role) => setInvitee(index, { role })}
              />
              {invitee.role === "police" && (
                <TextField label={t("conferences.inviteeZone")} {...row.field("zone")} isRequired />
              )}
              <TextField
                type="email"
                label={t("conferences.email")}
                description={t("conferences.emailHint")}
                {...row.field("email")}
                isRequired
              />
              <Select
                label={t("conferences.language")}
                {...row.choose("language")}
                options={[
                  { id: "fr", label: "Français" },
                  { id: "nl", label: "Nederlands" },
                  { id: "en", label: "English" },
                ]}
              />
              <Button
                variant="secondary"
                isDisabled={form.invitees.length === 1}
                onPress={() =>
                  set(
                    "invitees",
                    form.invitees.filter((_, n) => n !== index),
                  )
                }
              >
                {t("conferences.removeInvitee")}
              </Button>
            </div>
          );
        })}
        <Button variant="secondary" onPress={() => set("invitees", [...form.invitees, { ...EMPTY_INVITEE }])}>
          {t("conferences.addInvitee")}
        </Button>
      </fieldset>
      <Refusal problem={problem} failed={t("conferences.saveFailed")} />
      <FormActions
        submit={t(id ? "conferences.save" : "conferences.schedule")}
        isPending={mutation.isPending}
      >
        <Link to="/conferences" className="button button-secondary">
          {t("conferences.back")}
        </Link>
      </FormActions>
    </ServiceForm>
  );
}
