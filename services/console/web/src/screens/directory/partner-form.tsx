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
import { FormActions, ProblemAlert, ServiceForm, useDraft, useFieldMessage } from "../../ui/form";

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
  const say = useFieldMessage();
  const [key] = useState(newKey);
  const save = useSavePartner(key);
  const { draft, set, bind, field, choose, tick } = useDraft(() => ({
    name: partner?.name ?? "",
    category: (partner?.category ?? "cpas") as PartnerCategory,
    municipalities: partner?.municipalities.join(", ") ?? "",
    languages: (partner?.languages ?? ["fr"]) as string[],
    timeZone: partner?.openingHours.timeZone ?? "Europe/Brussels",
    windows: partner?.openingHours.windows.map((w) => ({
      days: w.days.map(String),
      from: w.from,
      to: w.to,
    })) ?? [{ days: ["1", "2", "3", "4", "5"], from: "09:00", to: "17:00" }],
    howToRefer: partner?.howToRefer ?? "",
    contact: {
      phone: partner?.contact.phone ?? "",
      email: partner?.contact.email ?? "",
      website: partner?.contact.website ?? "",
    } as ContactDraft,
    example: partner?.example ?? false,
  }));
  const { windows, contact } = draft;
  const setWindows = (next: WindowDraft[]) => set("windows", next);
  const problem = problemOf(save.error);
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const e of problem?.errors ?? []) {
      // "municipalities.1" lands on the one field that holds them all.
      const path = e.path.startsWith("municipalities") ? "municipalities" : e.path;
      errors[path] = say(e);
      if (path === "contact") errors["contact.phone"] = t("directory.form.contactNeeded");
    }
    return errors;
  }, [problem, t, say]);
  const title = partner
    ? t("directory.form.editTitle", { name: partner.name })
    : t("directory.form.newTitle");
  const setWindow = (i: number, change: Partial<WindowDraft>) =>
    setWindows(windows.map((w, j) => (j === i ? { ...w, ...change } : w)));

  const body = (): PartnerInput => ({
    name: draft.name.trim(),
    category: draft.category,
    municipalities: draft.municipalities
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
    languages: draft.languages as PartnerLanguage[],
    openingHours: {
      timeZone: draft.timeZone.trim(),
      windows: windows.map((w) => ({ days: w.days.map(Number), from: w.from, to: w.to })),
    },
    howToRefer: draft.howToRefer.trim(),
    contact: Object.fromEntries(
      CONTACT_FIELDS.map(([field]) => [field, contact[field].trim()]).filter(([, value]) => value),
    ),
    example: draft.example,
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
      {problem && <ProblemAlert problem={problem} fix={t("directory.form.fix")} listFields={false} />}
      <div className="grid">
        <TextField label={t("directory.form.name")} {...field("name")} isRequired />
        <Select
          name="category"
          label={t("directory.filter.category")}
          {...choose("category")}
          options={PARTNER_CATEGORIES.map((c) => ({
            id: c,
            label: t(`directory.category.${c}` as MessageId),
          }))}
        />
      </div>
      <TextField
        label={t("directory.form.municipalities")}
        description={t("directory.form.municipalitiesHint")}
        {...field("municipalities")}
        isRequired
      />
      <CheckboxGroup label={t("directory.form.languages")} {...field("languages")} isRequired>
        {PARTNER_LANGUAGES.map((l) => (
          <Checkbox key={l} value={l}>
            {t(`directory.language.${l}` as MessageId)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <fieldset className="windows">
        <legend>{t("directory.hours")}</legend>
        <TextField name="openingHours.timeZone" label={t("directory.form.timeZone")} {...bind("timeZone")} />
        {windows.length === 0 && <p className="hint">{t("directory.form.noWindows")}</p>}
        {windows.map((w, i) => (
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
      <TextField label={t("directory.form.howToRefer")} multiline {...field("howToRefer")} isRequired />
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
              onChange={(value) => set("contact", { ...contact, [field]: value })}
            />
          ))}
        </div>
      </fieldset>
      <Checkbox {...tick("example")}>{t("directory.form.example")}</Checkbox>
      <FormActions
        submit={t("directory.form.save")}
        isPending={save.isPending}
        cancel={t("directory.form.cancel")}
        onCancel={onCancel}
      />
    </ServiceForm>
  );
}
