// File a referral after an intervention. The service validates; its problem+json names the
// fields, which show their message in place. One Idempotency-Key per form: a double click or a
// retried submit files once.
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useFileReferral, useMunicipalities } from "../../api/referrals";
import { useSession } from "../../api/session";
import { type MessageId, useT } from "../../i18n/i18n";
import { newKey } from "../../time/zoned";
import { Button, Checkbox, ComboBox, Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import { ProblemAlert, ServiceForm, useDraft, useFieldErrors } from "../../ui/form";
import { Page } from "../../ui/layout";
import { IntakeGrid } from "./intake-grid";
import { PersonFields } from "./person-fields";
import {
  emptyReferral,
  KINDS,
  newPerson,
  type ReferralDraft,
  RISKS,
  toReferralInput,
} from "./referral-form-state";

/** The intake's labels by the last step of a field's path that names one. */
const FIELD_LABELS: Record<string, MessageId> = {
  policeZone: "intake.policeZone",
  incidentReference: "intake.incidentReference",
  incidentAt: "intake.incidentAt",
  kind: "intake.kind",
  municipality: "intake.municipality",
  riskLevel: "intake.riskLevel",
  riskScore: "intake.riskScore",
  childrenPresent: "intake.childrenPresent",
  role: "intake.role",
  displayName: "intake.displayName",
  language: "intake.language",
  phone: "intake.phone",
  email: "intake.email",
  consent: "intake.consent",
  channels: "intake.channels",
  safeWindows: "intake.safeWindows",
};

export function NewReferralScreen() {
  const t = useT();
  const session = useSession();
  const zone = session.data?.signedIn ? session.data.user.zone : null;
  const { draft, setDraft, set, field } = useDraft<ReferralDraft>(() => emptyReferral(zone));
  const [key, setKey] = useState(newKey);
  const file = useFileReferral(key);
  const municipalities = useMunicipalities(draft.municipality);
  const { problem, fieldErrors } = useFieldErrors(file.error);
  /** "Personne 1 : Victime · Téléphone" for `persons.0.contact.phone`: the label the officer sees. */
  const labelOf = (path: string) => {
    const steps = path.split(".");
    const field = steps.toReversed().find((step) => Object.hasOwn(FIELD_LABELS, step));
    if (!field) return undefined;
    const label = t(FIELD_LABELS[field] as MessageId);
    const person = steps[0] === "persons" ? draft.persons[Number(steps[1])] : undefined;
    if (!person) return label;
    const n = Number(steps[1]) + 1;
    return `${t("intake.person", { n, role: t(`personRole.${person.role}`) })} · ${label}`;
  };

  if (file.isSuccess) {
    const filed = file.data;
    return (
      <Page title={t("intake.filedTitle")}>
        <div role="status" className="notice success">
          <p>{t("intake.filed")}</p>
          <ul>
            {filed.persons.map((p) => (
              <li key={p.personRef}>
                {t(`personRole.${p.role}` as never)}:{" "}
                {p.contactable ? t("intake.willBeCalled") : t(`noTask.${p.reason ?? "no_consent"}` as never)}
              </li>
            ))}
          </ul>
        </div>
        <div className="actions">
          <Link to="/police/referrals" className="button button-primary">
            {t("nav.zoneReferrals")}
          </Link>
          <Button
            variant="secondary"
            onPress={() => {
              setDraft(emptyReferral(zone));
              setKey(newKey());
              file.reset();
            }}
          >
            {t("intake.another")}
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t("intake.title")}>
      <ServiceForm
        errors={fieldErrors}
        onSubmit={() => {
          if (!file.isPending) file.mutate(toReferralInput(draft));
        }}
      >
        {problem && <ProblemAlert problem={problem} fix={t("intake.fix")} labelOf={labelOf} />}
        <fieldset>
          <legend>{t("intake.incident")}</legend>
          <div className="grid">
            <TextField label={t("intake.policeZone")} {...field("policeZone")} />
            <TextField
              label={t("intake.incidentReference")}
              {...field("incidentReference")}
              autoComplete="off"
            />
            <TextField
              label={t("intake.incidentAt")}
              description={t("intake.incidentAtHint")}
              type="datetime-local"
              {...field("incidentAt")}
            />
            <Select
              name="kind"
              label={t("intake.kind")}
              selectedKey={draft.kind}
              onSelectionChange={(k) => set("kind", String(k))}
              options={KINDS.map((k) => ({ id: k, label: t(`kind.${k}` as never) }))}
            />
            <ComboBox
              name="municipality"
              label={t("intake.municipality")}
              inputValue={draft.municipality}
              onInputChange={(v) => set("municipality", v)}
              options={(municipalities.data ?? []).map((m) => ({ id: m, label: m }))}
            />
            <TextField
              label={t("intake.riskScore")}
              description={t("intake.riskScoreHint")}
              inputMode="numeric"
              {...field("riskScore")}
            />
          </div>
          <RadioGroup label={t("intake.riskLevel")} {...field("riskLevel")} orientation="horizontal">
            {RISKS.map((r) => (
              <Radio key={r} value={r}>
                {t(`risk.${r}` as never)}
              </Radio>
            ))}
          </RadioGroup>
          <Checkbox
            name="childrenPresent"
            isSelected={draft.childrenPresent}
            onChange={(v) => set("childrenPresent", v)}
          >
            {t("intake.childrenPresent")}
          </Checkbox>
        </fieldset>
        <IntakeGrid grid={draft.grid} onChange={(grid) => set("grid", grid)} />
        {draft.persons.map((person, index) => (
          <PersonFields
            key={person.key}
            index={index}
            person={person}
            onChange={(next) =>
              set(
                "persons",
                draft.persons.map((p) => (p.key === person.key ? next : p)),
              )
            }
            onRemove={
              draft.persons.length > 1
                ? () =>
                    set(
                      "persons",
                      draft.persons.filter((p) => p.key !== person.key),
                    )
                : undefined
            }
          />
        ))}
        <div className="actions">
          <Button variant="secondary" onPress={() => set("persons", [...draft.persons, newPerson("victim")])}>
            {t("intake.addPerson")}
          </Button>
          <Button type="submit" isPending={file.isPending}>
            {t("intake.submit")}
          </Button>
        </div>
      </ServiceForm>
    </Page>
  );
}
