// The person's sessions across their groups, as a week or a month, each on its group's clock.
// From here a session is moved or cancelled (participants are told), or its attendance taken.
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useIntl } from "react-intl";
import { type MySession, useMySessions } from "../../api/groups";
import { useT } from "../../i18n/i18n";
import { addDays, addMonths, calendarRange, dayForDisplay, todayIn } from "../../time/calendar";
import { Button, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { Notice } from "../../ui/notice";
import { SessionActions } from "../group/session-actions";

/** Where the week starts and days split: the person's zone (the service's default). */
const HOME_ZONE = "Europe/Brussels";

export function SessionsScreen() {
  const t = useT();
  const intl = useIntl();
  const search = useSearch({ strict: false }) as { view?: "week" | "month"; date?: string };
  const navigate = useNavigate();
  const view = search.view ?? "week";
  const anchor = search.date ?? todayIn(HOME_ZONE);
  const range = calendarRange(view, anchor, HOME_ZONE);
  const sessions = useMySessions(range.from, range.to);
  const [done, setDone] = useState<"moved" | "cancelled" | null>(null);
  const go = (next: { view?: "week" | "month"; date?: string }) =>
    navigate({ to: "/sessions", search: { view, date: anchor, ...next } });
  const step = (n: number) => go({ date: view === "week" ? addDays(anchor, 7 * n) : addMonths(anchor, n) });
  const byDay = new Map<string, MySession[]>();
  for (const s of sessions.data ?? []) {
    const day = s.startsAt.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const dayName = (ymd: string, style: "long" | "short") =>
    intl.formatDate(dayForDisplay(ymd), {
      timeZone: "UTC",
      weekday: style,
      day: "numeric",
      month: style === "long" ? "long" : "short",
    });
  const title =
    view === "week"
      ? t("sessions.weekOf", {
          date: intl.formatDate(dayForDisplay(range.days[0]!), { timeZone: "UTC", dateStyle: "long" }),
        })
      : intl.formatDate(dayForDisplay(anchor), { timeZone: "UTC", month: "long", year: "numeric" });

  return (
    <Page title={t("sessions.title")}>
      <div className="calendar-toolbar">
        <fieldset className="actions bare" aria-label={t("sessions.viewLabel")}>
          {(["week", "month"] as const).map((v) => (
            <Button
              key={v}
              variant={view === v ? "primary" : "secondary"}
              aria-pressed={view === v}
              onPress={() => go({ view: v })}
            >
              {t(`sessions.${v}`)}
            </Button>
          ))}
        </fieldset>
        <div className="actions">
          <Button variant="secondary" onPress={() => step(-1)}>
            {view === "week" ? t("sessions.previousWeek") : t("sessions.previousMonth")}
          </Button>
          <Button variant="secondary" onPress={() => go({ date: todayIn(HOME_ZONE) })}>
            {t("sessions.today")}
          </Button>
          <Button variant="secondary" onPress={() => step(1)}>
            {view === "week" ? t("sessions.nextWeek") : t("sessions.nextMonth")}
          </Button>
          <TextField
            label={t("sessions.goTo")}
            type="date"
            value={anchor}
            onChange={(v) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(v)) go({ date: v });
            }}
          />
        </div>
      </div>
      <h2 className="calendar-title">{title}</h2>
      {done && (
        <Notice tone="success">
          {t(done === "moved" ? "sessions.movedTold" : "sessions.cancelledTold")}
        </Notice>
      )}
      {sessions.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : sessions.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : view === "week" ? (
        <div className="week-grid">
          {range.days.map((day) => (
            <section key={day} className="week-day" aria-label={dayName(day, "long")}>
              <h3>{dayName(day, "long")}</h3>
              {(byDay.get(day) ?? []).length === 0 ? (
                <p className="hint">{t("sessions.none")}</p>
              ) : (
                <ul className="plain-list">
                  {byDay.get(day)!.map((s) => (
                    <SessionCard key={s.id} session={s} onDone={setDone} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      ) : (
        <MonthGrid days={range.days} anchor={anchor} byDay={byDay} dayName={dayName} />
      )}
    </Page>
  );
}

function SessionCard({
  session,
  onDone,
}: {
  session: MySession;
  onDone: (what: "moved" | "cancelled") => void;
}) {
  const t = useT();
  const intl = useIntl();
  const zone = session.group.timeZone;
  const at = (iso: string) => intl.formatTime(new Date(iso), { timeZone: zone, timeStyle: "short" });
  const label = `${session.group.publicName}, ${intl.formatDate(new Date(session.startsAt), {
    timeZone: zone,
    dateStyle: "long",
    timeStyle: "short",
  })}`;
  const started = Date.parse(session.startsAt) <= Date.now();
  return (
    <li className={`session-card session-${session.status}`}>
      <span className="session-time">
        {at(session.startsAt)}–{at(session.endsAt)}
      </span>
      <Link to="/groups/$groupId" params={{ groupId: session.group.id }}>
        {session.group.publicName}
      </Link>
      {session.status !== "scheduled" && (
        <span className={`status status-${session.status}`}>
          {t(`sessions.status.${session.status}` as never)}
        </span>
      )}
      {started && session.status !== "cancelled" && (
        <Link
          to="/sessions/$sessionId/attendance"
          params={{ sessionId: session.id }}
          className="button button-primary"
          aria-label={t("attendance.takeLabel", { session: label })}
        >
          {t("attendance.take")}
        </Link>
      )}
      <SessionActions
        session={session}
        groupId={session.group.id}
        timeZone={zone}
        label={label}
        onDone={onDone}
      />
    </li>
  );
}

function MonthGrid({
  days,
  anchor,
  byDay,
  dayName,
}: {
  days: string[];
  anchor: string;
  byDay: Map<string, MySession[]>;
  dayName: (ymd: string, style: "long" | "short") => string;
}) {
  const t = useT();
  const intl = useIntl();
  const month = anchor.slice(0, 7);
  return (
    <ul className="month-grid">
      {days.map((day) => (
        <li key={day} className={day.slice(0, 7) === month ? "month-day" : "month-day other-month"}>
          <span className="month-day-name">{dayName(day, "short")}</span>
          {(byDay.get(day) ?? []).map((s) => (
            <Link
              key={s.id}
              to="/groups/$groupId"
              params={{ groupId: s.group.id }}
              className={`month-session session-${s.status}`}
            >
              {intl.formatTime(new Date(s.startsAt), { timeZone: s.group.timeZone, timeStyle: "short" })}{" "}
              {s.group.publicName}
              {s.status !== "scheduled" && (
                <span className="visually-hidden"> ({t(`sessions.status.${s.status}` as never)})</span>
              )}
            </Link>
          ))}
        </li>
      ))}
    </ul>
  );
}
