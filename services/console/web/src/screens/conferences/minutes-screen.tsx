// The minutes, print-friendly: what this reader may see of the agenda, decisions and actions,
// the invited organisations by name, no contact details. The same document as the service's
// GET /v1/conferences/{id}/minutes, laid out by the console's print styles.
import "./conferences.css";
import type { Conference } from "../../api/conferences";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";
import { DataTable } from "../../ui/table";
import { RouteConference } from "./route-conference";

export function MinutesScreen() {
  return <RouteConference>{(c) => <Minutes c={c} />}</RouteConference>;
}

function Minutes({ c }: { c: Conference }) {
  const t = useT();
  const time = useFormatTime();
  const nameOf = (id: string) => c.invitees.find((i) => i.id === id)?.organisationName ?? "—";
  const now = new Date().toISOString();
  const meeting = [...c.meetings].reverse().find((m) => m <= now) ?? c.meetings[0];
  return (
    <Page
      title={t("conferences.minutesTitle", { title: c.title })}
      actions={
        <Button variant="secondary" onPress={() => window.print()}>
          {t("conferences.print")}
        </Button>
      }
    >
      <article className="minutes">
        <p className="note">{t("conferences.minutesNote")}</p>
        <dl className="facts">
          <dt>{t("conferences.meeting")}</dt>
          <dd>{meeting ? time(meeting, c.timeZone) : "—"}</dd>
          <dt>{t("conferences.zone")}</dt>
          <dd>
            {c.policeZone} · {c.municipality}
          </dd>
        </dl>
        <h2>{t("conferences.invitees")}</h2>
        <ul>
          {c.invitees.map((i) => (
            <li key={i.id}>{i.organisationName}</li>
          ))}
        </ul>
        <h2>{t("conferences.agenda")}</h2>
        {c.items.length === 0 && <p>{t("conferences.noItems")}</p>}
        {c.items.map((item) => (
          <section key={item.id} className="minutes-item">
            <h3>
              {t("conferences.itemHeading", { position: item.position, risk: t(`risk.${item.riskLevel}`) })}
            </h3>
            <h4>{t("conferences.summary")}</h4>
            <p className="prewrap">{item.summary}</p>
            <h4>{t("conferences.question")}</h4>
            <p className="prewrap">{item.question}</p>
            <h4>{t("conferences.decisionsTitle")}</h4>
            {item.decisions.length === 0 ? (
              <p>{t("conferences.noDecisions")}</p>
            ) : (
              item.decisions.map((d) => (
                <div key={d.id}>
                  <p className="prewrap">{d.text}</p>
                  {d.actions.length > 0 && (
                    <DataTable
                      caption={t("conferences.action")}
                      rows={d.actions}
                      columns={[
                        { header: t("conferences.action"), cell: (a) => a.description },
                        { header: t("conferences.owner"), cell: (a) => nameOf(a.ownerInviteeId) },
                        { header: t("conferences.due"), cell: (a) => a.dueDate },
                        {
                          header: t("conferences.statusColumn"),
                          cell: (a) => t(`conferences.status.${a.status}`),
                        },
                      ]}
                      rowKey={(a) => a.id}
                    />
                  )}
                </div>
              ))
            )}
          </section>
        ))}
      </article>
    </Page>
  );
}
