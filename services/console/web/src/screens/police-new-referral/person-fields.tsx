// One person of the referral: role, consent, language, contact and safe-contact preferences.
// Field names are the API's paths (`persons.0.contact.phone`), so its errors land on the field.
import { useT } from "../../i18n/i18n";
import { Button, Checkbox, CheckboxGroup, Select, TextField } from "../../ui/fields";
import { bindersOf } from "../../ui/form";
import { CHANNELS, DAYS, newWindow, type PersonDraft } from "./referral-form-state";

// The yes/no contact preferences: the draft's key (and the API's, under preferences) and label.
const PREFERENCES = [
  ["doNotContact", "intake.doNotContact"],
  ["voicemailAllowed", "intake.voicemail"],
  ["discreet", "intake.discreet"],
] as const;

export function PersonFields({
  index,
  person,
  onChange,
  onRemove,
}: {
  index: number;
  person: PersonDraft;
  onChange: (next: PersonDraft) => void;
  onRemove?: () => void;
}) {
  const t = useT();
  const path = `persons.${index}`;
  const { set, bind, choose, tick } = bindersOf(person, (change) => onChange(change(person)));
  return (
    <fieldset className="person">
      <legend>{t("intake.person", { n: index + 1, role: t(`personRole.${person.role}` as never) })}</legend>
      <div className="grid">
        <Select
          name={`${path}.role`}
          label={t("intake.role")}
          {...choose("role")}
          options={[
            { id: "victim", label: t("personRole.victim") },
            { id: "author", label: t("personRole.author") },
          ]}
        />
        <TextField
          name={`${path}.displayName`}
          label={t("intake.displayName")}
          {...bind("displayName")}
          autoComplete="off"
        />
        <Select
          name={`${path}.language`}
          label={t("intake.language")}
          {...choose("language")}
          options={[
            { id: "fr", label: "Français" },
            { id: "nl", label: "Nederlands" },
            { id: "en", label: "English" },
          ]}
        />
        <TextField
          name={`${path}.contact.phone`}
          label={t("intake.phone")}
          description={t("intake.phoneHint")}
          type="tel"
          {...bind("phone")}
          autoComplete="off"
        />
        <TextField
          name={`${path}.contact.email`}
          label={t("intake.email")}
          type="email"
          {...bind("email")}
          autoComplete="off"
        />
      </div>
      <div className="checks">
        <Checkbox name={`${path}.consent`} {...tick("consent")}>
          {t("intake.consent")}
        </Checkbox>
        {PREFERENCES.map(([key, label]) => (
          <Checkbox key={key} name={`${path}.preferences.${key}`} {...tick(key)}>
            {t(label)}
          </Checkbox>
        ))}
      </div>
      <CheckboxGroup name={`${path}.preferences.channels`} label={t("intake.channels")} {...bind("channels")}>
        {CHANNELS.map((channel) => (
          <Checkbox key={channel} value={channel}>
            {t(`channel.${channel}` as never)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <div className="windows">
        <h4>{t("intake.safeWindows")}</h4>
        {person.windows.length === 0 && <p className="hint">{t("intake.noWindows")}</p>}
        {person.windows.map((window, w) => {
          const wpath = `${path}.preferences.safeWindows.${w}`;
          const update = (next: Partial<typeof window>) =>
            set(
              "windows",
              person.windows.map((x) => (x.key === window.key ? { ...x, ...next } : x)),
            );
          return (
            <div key={window.key} className="window-row">
              <CheckboxGroup
                name={`${wpath}.days`}
                label={t("intake.windowDays", { n: w + 1 })}
                value={window.days}
                onChange={(days) => update({ days })}
              >
                {DAYS.map((day) => (
                  <Checkbox key={day} value={String(day)}>
                    {t(`day.${day}` as never)}
                  </Checkbox>
                ))}
              </CheckboxGroup>
              {(["from", "to"] as const).map((end) => (
                <TextField
                  key={end}
                  name={`${wpath}.${end}`}
                  label={t(`intake.${end}`)}
                  type="time"
                  value={window[end]}
                  onChange={(value) => update({ [end]: value })}
                />
              ))}
              <Button
                variant="quiet"
                onPress={() =>
                  set(
                    "windows",
                    person.windows.filter((x) => x.key !== window.key),
                  )
                }
              >
                {t("intake.removeWindow", { n: w + 1 })}
              </Button>
            </div>
          );
        })}
        <Button variant="secondary" onPress={() => set("windows", [...person.windows, newWindow()])}>
          {t("intake.addWindow")}
        </Button>
      </div>
      {onRemove && (
        <Button variant="quiet" onPress={onRemove}>
          {t("intake.removePerson", { n: index + 1 })}
        </Button>
      )}
    </fieldset>
  );
}
