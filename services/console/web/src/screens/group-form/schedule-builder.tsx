// The schedule without typing RRULE: weekdays, start time, duration, first date, a count or an
// end date, the group's zone; and a live preview of the dates on that zone's clock (never the
// browser's), which marks the daylight-saving changes so one sees the time stay put.
import { useIntl } from "react-intl";
import { useT } from "../../i18n/i18n";
import {
  MAX_SESSIONS,
  previewSessions,
  type ScheduleDraft,
  WEEKDAYS,
  type Weekday,
} from "../../time/schedule";
import { Checkbox, CheckboxGroup, Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import { bindersOf } from "../../ui/form";
import { Notice } from "../../ui/notice";
import { ZONES } from "./group-form-state";

export function ScheduleBuilder({
  draft,
  onChange,
}: {
  draft: ScheduleDraft;
  onChange: (next: ScheduleDraft) => void;
}) {
  const t = useT();
  const { set, bind, choose } = bindersOf(draft, (change) => onChange(change(draft)));
  return (
    <fieldset className="schedule-builder">
      <legend>{t("schedule.title")}</legend>
      <div className="grid">
        <CheckboxGroup
          label={t("schedule.weekdays")}
          name="schedule.rrule"
          value={draft.weekdays}
          onChange={(v) => set("weekdays", v as Weekday[])}
        >
          {WEEKDAYS.map((d) => (
            <Checkbox key={d} value={d}>
              {t(`schedule.day.${d}` as never)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <div className="grid">
          <TextField
            name="schedule.dtstart"
            label={t("schedule.firstDate")}
            type="date"
            {...bind("firstDate")}
            isRequired
          />
          <TextField label={t("schedule.startTime")} type="time" {...bind("startTime")} isRequired />
          <TextField
            name="schedule.durationMinutes"
            label={t("schedule.duration")}
            type="number"
            value={String(draft.durationMinutes)}
            onChange={(v) => set("durationMinutes", Number(v))}
            isRequired
          />
          <Select
            name="schedule.timeZone"
            label={t("schedule.timeZone")}
            {...choose("timeZone")}
            options={ZONES.map((z) => ({ id: z, label: z }))}
          />
        </div>
        <RadioGroup
          label={t("schedule.end")}
          value={draft.end.kind}
          onChange={(v) =>
            set(
              "end",
              v === "count" ? { kind: "count", count: 10 } : { kind: "until", until: draft.firstDate },
            )
          }
        >
          <Radio value="count">{t("schedule.endCount")}</Radio>
          <Radio value="until">{t("schedule.endUntil")}</Radio>
        </RadioGroup>
        {draft.end.kind === "count" ? (
          <TextField
            label={t("schedule.count")}
            description={t("schedule.countHint", { max: MAX_SESSIONS })}
            type="number"
            value={String(draft.end.count)}
            onChange={(v) => set("end", { kind: "count", count: Number(v) })}
          />
        ) : (
          <TextField
            label={t("schedule.until")}
            type="date"
            value={draft.end.until}
            onChange={(v) => set("end", { kind: "until", until: v })}
          />
        )}
      </div>
      <SchedulePreview draft={draft} />
    </fieldset>
  );
}

function SchedulePreview({ draft }: { draft: ScheduleDraft }) {
  const t = useT();
  const intl = useIntl();
  const sessions = previewSessions(draft);
  const zone = draft.timeZone;
  const offset = (iso: string) =>
    new Intl.DateTimeFormat(intl.locale, { timeZone: zone, timeZoneName: "shortOffset" })
      .formatToParts(new Date(iso))
      .find((p) => p.type === "timeZoneName")?.value ?? "";
  return (
    <section className="schedule-preview" aria-labelledby="schedule-preview-title">
      <h3 id="schedule-preview-title">{t("schedule.preview")}</h3>
      {sessions.length === 0 ? (
        <p className="hint">{t("schedule.previewEmpty")}</p>
      ) : sessions.length > MAX_SESSIONS ? (
        <Notice tone="error">{t("schedule.tooMany", { max: MAX_SESSIONS })}</Notice>
      ) : (
        <>
          <p aria-live="polite">{t("schedule.previewCount", { n: sessions.length, zone })}</p>
          <ol className="preview-list" aria-label={t("schedule.preview")}>
            {sessions.map((s, i) => {
              const date = new Date(s.iso);
              const changed = i > 0 && offset(sessions[i - 1]!.iso) !== offset(s.iso);
              return (
                <li key={s.local} className={changed ? "dst-change" : undefined}>
                  {changed && (
                    <span className="dst-note">{t("schedule.dstChange", { time: draft.startTime })}</span>
                  )}
                  <span className="preview-date">
                    {intl.formatDate(date, {
                      timeZone: zone,
                      weekday: "long",
                      day: "numeric",
                      month: "long",
                      year: "numeric",
                    })}
                  </span>{" "}
                  <span className="preview-time">
                    {intl.formatTime(date, { timeZone: zone, timeStyle: "short" })}
                  </span>{" "}
                  <span className="preview-offset">({offset(s.iso)})</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
