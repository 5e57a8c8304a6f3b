// One group as its staff see it: what it is, where it meets (staff only), seats, and its
// sessions on the group's clock with move / cancel. Changes are sent to participants.
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useIntl } from "react-intl";
import { useGroup, useGroupSessions } from "../../api/groups";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { Fact } from "../../ui/fact";
import { Notice } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";
import { DataTable } from "../../ui/table";
import { SessionActions } from "./session-actions";

export function GroupScreen() {
  const t = useT();
  const intl = useIntl();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const group = useGroup(groupId);
  const sessions = useGroupSessions(groupId);
  const [done, setDone] = useState<"moved" | "cancelled" | null>(null);

  if (group.isPending) return <p role="status">{t("common.loading")}</p>;
  if (group.isError) return <p role="alert">{t("common.loadFailed")}</p>;
  const g = group.data;
  const zone = g.schedule.timeZone;
  const when = (iso: string) =>
    intl.formatDate(new Date(iso), {
      timeZone: zone,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
  const at = (iso: string) => intl.formatTime(new Date(iso), { timeZone: zone, timeStyle: "short" });
  /** Which session, as its actions' accessible names say it. */
  const sessionLabel = (s: { startsAt: string }) => `${when(s.startsAt)} ${at(s.startsAt)}`;

  return (
    <Page
      title={g.publicName}
      actions={
        <div className="actions">
          <Link to="/groups/$groupId/roster" params={{ groupId }} className="button button-primary">
            {t("roster.open")}
          </Link>
          <Link to="/groups/$groupId/edit" params={{ groupId }} className="button button-secondary">
            {t("groups.edit")}
          </Link>
        </div>
      }
    >
      <dl className="facts card">
        <Fact term={t("groups.kind")}>{t(`groups.kind.${g.kind}` as never)}</Fact>
        <Fact term={t("groups.language")}>{t(`language.${g.language}` as never)}</Fact>
        <Fact term={t("groups.seats")}>
          {t("groups.seatsValue", { taken: g.seats?.enrolled ?? 0, capacity: g.capacity })}
          {" · "}
          {t("groups.waitlistValue", { n: g.seats?.waitlisted ?? 0 })}
        </Fact>
        <Fact term={t("groups.admission")}>{t(`groups.admission.${g.admission}` as never)}</Fact>
        <Fact term={g.location.kind === "venue" ? t("groups.venue") : t("groups.online")}>
          {g.location.kind === "venue" ? g.location.address : g.location.url}
        </Fact>
        <Fact term={t("schedule.timeZone")}>{zone}</Fact>
      </dl>
      <p className="hint">{t("groups.venueStaffOnly")}</p>
      {done && (
        <Notice tone="success">
          {t(done === "moved" ? "sessions.movedTold" : "sessions.cancelledTold")}
        </Notice>
      )}
      <h2 id="sessions-title">{t("sessions.listTitle")}</h2>
      <Loaded query={sessions}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={[
              { header: t("sessions.date"), cell: (s) => when(s.startsAt) },
              {
                header: t("sessions.time"),
                cell: (s) => (
                  <>
                    {at(s.startsAt)}–{at(s.endsAt)}
                  </>
                ),
              },
              {
                header: t("sessions.status"),
                cell: (s) => (
                  <span className={`status status-${s.status}`}>
                    {t(`sessions.status.${s.status}` as never)}
                  </span>
                ),
              },
              {
                header: <span className="visually-hidden">{t("sessions.actions")}</span>,
                className: "row-actions",
                cell: (s) => (
                  <>
                    {s.status !== "cancelled" && Date.parse(s.startsAt) <= Date.now() && (
                      <Link
                        to="/sessions/$sessionId/attendance"
                        params={{ sessionId: s.id }}
                        className="button button-primary"
                        aria-label={t("attendance.takeLabel", { session: sessionLabel(s) })}
                      >
                        {t("attendance.take")}
                      </Link>
                    )}
                    <SessionActions
                      session={s}
                      groupId={groupId}
                      timeZone={zone}
                      label={sessionLabel(s)}
                      onDone={setDone}
                    />
                  </>
                ),
              },
            ]}
            className="sessions-table"
            aria-labelledby="sessions-title"
            rowKey={(s) => s.id}
            rowProps={(s) => ({ className: `session-${s.status}` })}
          />
        )}
      </Loaded>
    </Page>
  );
}
