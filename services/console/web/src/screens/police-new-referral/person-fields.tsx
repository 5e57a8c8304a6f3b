// One person of the referral: role, consent, language, contact and safe-contact preferences.
// Field names are the API's paths (`persons.0.contact.phone`), so its errors land on the field.
import { useT } from "../../i18n/i18n";
import { Button, Checkbox, CheckboxGroup, Select, TextField } from "../../ui/fields";
import { CHANNELS, DAYS, newWindow, type PersonDraft } from "./referral-form-state";

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
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) =>
    onChange({ ...person, [key]: value });
  return (
    <fieldset className="person">
      <legend>{t("intake.person", { n: index + 1, role: t(`personRole.${person.role}` as never) })}</legend>
      <div className="grid">
        <Select
          name={`${path}.role`}
          label={t("intake.role")}
          selectedKey={person.role}
          onSelectionChange={(key) => set("role", key as PersonDraft["role"])}
          options={[
            { id: "victim", label: t("personRole.victim") },
            { id: "author", label: t("personRole.author") },
          ]}
        />
        <TextField
          name={`${path}.displayName`}
          label={t("intake.displayName")}
          value={person.displayName}
          onChange={(v) => set("displayName", v)}
          autoComplete="off"
        />
        <Select
          name={`${path}.language`}
          label={t("intake.language")}
          selectedKey={person.language}
          onSelectionChange={(key) => set("language", key as PersonDraft["language"])}
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
          value={person.phone}
          onChange={(v) => set("phone", v)}
          autoComplete="off"
        />
        <TextField
          name={`${path}.contact.email`}
          label={t("intake.email")}
          type="email"
          value={person.email}
          onChange={(v) => set("email", v)}
          autoComplete="off"
        />
      </div>
      <div className="checks">
        <Checkbox name={`${path}.consent`} isSelected={person.consent} onChange={(v) => set("consent", v)}>
          {t("intake.consent")}
        </Checkbox>
        <Checkbox
          name={`${path}.preferences.doNotContact`}
          isSelected={person.doNotContact}
          onChange={(v) => set("doNotContact", v)}
        >
          {t("intake.doNotContact")}
        </Checkbox>
        <Checkbox
          name={`${path}.preferences.voicemailAllowed`}
          isSelected={person.voicemailAllowed}
          onChange={(v) => set("voicemailAllowed", v)}
        >
          {t("intake.voicemail")}
        </Checkbox>
        <Checkbox
          name={`${path}.preferences.discreet`}
          isSelected={person.discreet}
          onChange={(v) => set("discreet", v)}
        >
          {t("intake.discreet")}
        </Checkbox>
      </div>
      <CheckboxGroup
        name={`${path}.preferences.channels`}
        label={t("intake.channels")}
        value={person.channels}
        onChange={(v) => set("channels", v)}
      >
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
              <TextField
                name={`${wpath}.from`}
                label={t("intake.from")}
                type="time"
                value={window.from}
                onChange={(from) => update({ from })}
              />
              <TextField
                name={`${wpath}.to`}
                label={t("intake.to")}
                type="time"
                value={window.to}
                onChange={(to) => update({ to })}
              />
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
