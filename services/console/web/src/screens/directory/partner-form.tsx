// The coordinator's form for one directory entry. The contact fields are labelled as the service's
// switchboard and general mailbox: the service cannot tell a person's number from a switchboard's,
// so the form says plainly that only organisational contacts belong here.
import { useMemo, useState } from "react";
import { problemOf } from "../../api/clients";
import {
  PARTNER_CATEGORIES,
  PARTNER_LANGUAGES,
  type Partner,
  type PartnerCategory,
  type PartnerInput,
  type PartnerLanguage,
  useSavePartner,
} from "../../api/directory";
import { type MessageId, useT } from "../../i18n/i18n";
import { newKey } from "../../time/zoned";
import { Button, Checkbox, CheckboxGroup, Select, TextField } from "../../ui/fields";
import { FormActions, ServiceForm } from "../../ui/form";

interface WindowDraft {
  days: string[];
  from: string;
  to: string;
}

const DAYS = ["1", "2", "3", "4", "5", "6", "7"];
const CONTACT_FIELDS = [
  ["phone", "tel"],
  ["email", "email"],
  ["website", "url"],
] as const;
type ContactDraft = Record<(typeof CONTACT_FIELDS)[number][0], string>;

export function PartnerForm({
  partner,
  onDone,
  onCancel,
}: {
  partner?: Partner;
  onDone: (saved: Partner) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [key] = useState(newKey);
  const save = useSavePartner(key);
  const [name, setName] = useState(partner?.name ?? "");
  const [category, setCategory] = useState<PartnerCategory>(partner?.category ?? "cpas");
  const [municipalities, setMunicipalities] = useState(partner?.municipalities.join(", ") ?? "");
  const [languages, setLanguages] = useState<string[]>(partner?.languages ?? ["fr"]);
  const [timeZone, setTimeZone] = useState(partner?.openingHours.timeZone ?? "Europe/Brussels");
  const [windows, setWindows] = useState<WindowDraft[]>(
    partner?.openingHours.windows.map((w) => ({ days: w.days.map(String), from: w.from, to: w.to })) ?? [
      { days: ["1", "2", "3", "4", "5"], from: "09:00", to: "17:00" },
    ],
  );
  const [howToRefer, setHowToRefer] = useState(partner?.howToRefer ?? "");
  const [contact, setContact] = useState<ContactDraft>({
    phone: partner?.contact.phone ?? "",
    email: partner?.contact.email ?? "",
    website: partner?.contact.website ?? "",
  });
  const [example, setExample] = useState(partner?.example ?? false);
  const problem = problemOf(save.error);
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const e of problem?.errors ?? []) {
      // "municipalities.1" lands on the one field that holds them all.
      const path = e.path.startsWith("municipalities") ? "municipalities" : e.path;
      errors[path] = e.message;
      if (path === "contact") errors["contact.phone"] = t("directory.form.contactNeeded");
    }
    return errors;
  }, [problem, t]);
  const title = partner
    ? t("directory.form.editTitle", { name: partner.name })
    : t("directory.form.newTitle");
  const setWindow = (i: number, change: Partial<WindowDraft>) =>
    setWindows(windows.map((w, j) => (j === i ? { ...w, ...change } : w)));

  const body = (): PartnerInput => ({
    name: name.trim(),
    category,
    municipalities: municipalities
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
    languages: languages as PartnerLanguage[],
    openingHours: {
      timeZone: timeZone.trim(),
      windows: windows.map((w) => ({ days: w.days.map(Number), from: w.from, to: w.to })),
    },
    howToRefer: howToRefer.trim(),
    contact: Object.fromEntries(
      CONTACT_FIELDS.map(([field]) => [field, contact[field].trim()]).filter(([, value]) => value),
    ),
    example,
  });

  return (
    <ServiceForm
      className="form card"
      aria-label={title}
      errors={fieldErrors}
      onSubmit={() => {
        if (save.isPending) return;
        save.mutate({ id: partner?.id, body: body() }, { onSuccess: onDone });
      }}
    >
      <h2>{title}</h2>
      {problem && (
        <div role="alert" className="notice error">
          <p>{problem.status >= 500 ? t("common.serverError") : t("directory.form.fix")}</p>
        </div>
      )}
      <div className="grid">
        <TextField name="name" label={t("directory.form.name")} value={name} onChange={setName} isRequired />
        <Select
          name="category"
          label={t("directory.filter.category")}
          selectedKey={category}
          onSelectionChange={(k) => setCategory(String(k) as PartnerCategory)}
          options={PARTNER_CATEGORIES.map((c) => ({
            id: c,
            label: t(`directory.category.${c}` as MessageId),
          }))}
        />
      </div>
      <TextField
        name="municipalities"
        label={t("directory.form.municipalities")}
        description={t("directory.form.municipalitiesHint")}
        value={municipalities}
        onChange={setMunicipalities}
        isRequired
      />
      <CheckboxGroup
        name="languages"
        label={t("directory.form.languages")}
        value={languages}
        onChange={setLanguages}
        isRequired
      >
        {PARTNER_LANGUAGES.map((l) => (
          <Checkbox key={l} value={l}>
            {t(`directory.language.${l}` as MessageId)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <fieldset className="windows">
        <legend>{t("directory.hours")}</legend>
        <TextField
          name="openingHours.timeZone"
          label={t("directory.form.timeZone")}
          value={timeZone}
          onChange={setTimeZone}
        />
        {windows.length === 0 && <p className="hint">{t("directory.form.noWindows")}</p>}
        {windows.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity beyond their place
          <div className="window-row" key={i}>
            <CheckboxGroup
              name={`openingHours.windows.${i}.days`}
              label={t("directory.form.window", { n: i + 1 })}
              value={w.days}
              onChange={(days) => setWindow(i, { days })}
            >
              {DAYS.map((d) => (
                <Checkbox key={d} value={d}>
                  {t(`directory.day.${d}` as MessageId)}
                </Checkbox>
              ))}
            </CheckboxGroup>
            {(["from", "to"] as const).map((end) => (
              <TextField
                key={end}
                name={`openingHours.windows.${i}.${end}`}
                label={t(`directory.form.${end}`)}
                type="time"
                value={w[end]}
                onChange={(value) => setWindow(i, { [end]: value })}
              />
            ))}
            <Button variant="secondary" onPress={() => setWindows(windows.filter((_, j) => j !== i))}>
              {t("directory.form.removeWindow", { n: i + 1 })}
            </Button>
          </div>
        ))}
        <div className="actions">
          <Button
            variant="secondary"
            onPress={() =>
              setWindows([...windows, { days: ["1", "2", "3", "4", "5"], from: "09:00", to: "17:00" }])
            }
          >
            {t("directory.form.addWindow")}
          </Button>
        </div>
      </fieldset>
      <TextField
        name="howToRefer"
        label={t("directory.form.howToRefer")}
        multiline
        value={howToRefer}
        onChange={setHowToRefer}
        isRequired
      />
      <fieldset>
        <legend>{t("directory.form.contactLegend")}</legend>
        <p className="notice warning">{t("directory.form.contactWarning")}</p>
        <div className="grid">
          {CONTACT_FIELDS.map(([field, type]) => (
            <TextField
              key={field}
              name={`contact.${field}`}
              label={t(`directory.form.${field}`)}
              type={type}
              value={contact[field]}
              onChange={(value) => setContact({ ...contact, [field]: value })}
            />
          ))}
        </div>
      </fieldset>
      <Checkbox isSelected={example} onChange={setExample}>
        {t("directory.form.example")}
      </Checkbox>
      <FormActions
        submit={t("directory.form.save")}
        isPending={save.isPending}
        cancel={t("directory.form.cancel")}
        onCancel={onCancel}
      />
    </ServiceForm>
  );
}
