// One conference: when it meets, who is invited, and its agenda. The organiser adds items (a
// referral of the organisation, a summary and a question written for the partners, optionally
// confidential to some invitees); an invited partner reads the items open to them, summaries only.
import "./conferences.css";
import { Link } from "@tanstack/react-router";
import { problemOf } from "../../api/clients";
import { type AgendaItem, type Conference, useAddItem, useKnownReferrals } from "../../api/conferences";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button, Checkbox, CheckboxGroup, Select, TextField } from "../../ui/fields";
import { ServiceForm, useDraft } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Notice, Refusal } from "../../ui/notice";
import { RouteConference } from "./route-conference";

export function AgendaScreen() {
  return (
    <RouteConference>{(c, conferenceId) => <Agenda c={c} conferenceId={conferenceId} />}</RouteConference>
  );
}

function Agenda({ c, conferenceId }: { c: Conference; conferenceId: string }) {
  const t = useT();
  const time = useFormatTime();
  const organiser = c.viewer === "organiser";
  return (
    <Page
      title={c.title}
      actions={
        <div className="actions">
          {organiser && (
            <>
              <ConferenceLink page="edit" conferenceId={conferenceId} />
              <ConferenceLink page="decisions" conferenceId={conferenceId} />
            </>
          )}
          <ConferenceLink page="minutes" conferenceId={conferenceId} />
        </div>
      }
    >
      {c.status === "cancelled" && <p className="notice">{t("conferences.cancelled")}</p>}
      <dl className="facts">
        <dt>{t("conferences.next")}</dt>
        <dd>{c.nextStartsAt ? time(c.nextStartsAt, c.timeZone) : "—"}</dd>
        <dt>{t("conferences.zone")}</dt>
        <dd>
          {c.policeZone} · {c.municipality}
        </dd>
        {c.location && (
          <>
            <dt>{t("conferences.place")}</dt>
            <dd>{c.location}</dd>
          </>
        )}
        <dt>{t("conferences.meetings")}</dt>
        <dd>{c.meetings.length}</dd>
      </dl>
      <h2>{t("conferences.invitees")}</h2>
      <ul className="plain">
        {c.invitees.map((i) => (
          <li key={i.id}>
            {i.organisationName} (
            {t(i.role === "police" ? "conferences.rolePolice" : "conferences.rolePartner")})
            {i.you && ` — ${t("conferences.you")}`}
          </li>
        ))}
      </ul>
      <h2>{t("conferences.agenda")}</h2>
      {c.items.length === 0 ? <p>{t("conferences.noItems")}</p> : <Items conference={c} />}
      {organiser && c.status === "scheduled" && <AddItem conference={c} />}
    </Page>
  );
}

function Items({ conference }: { conference: Conference }) {
  const t = useT();
  const nameOf = (id: string) => conference.invitees.find((i) => i.id === id)?.organisationName ?? "—";
  return (
    <ol className="agenda">
      {conference.items.map((item: AgendaItem) => (
        <li key={item.id} className="card">
          <h3>
            {t("conferences.itemHeading", { position: item.position, risk: t(`risk.${item.riskLevel}`) })}
            {item.confidential && <span className="badge">{t("conferences.confidential")}</span>}
          </h3>
          <h4>{t("conferences.summary")}</h4>
          <p className="prewrap">{item.summary}</p>
          <h4>{t("conferences.question")}</h4>
          <p className="prewrap">{item.question}</p>
          {item.audience && item.confidential && (
            <p>{t("conferences.audienceList", { names: item.audience.map(nameOf).join(", ") })}</p>
          )}
          {item.decisions.length > 0 && (
            <p>{t("conferences.decisionCount", { count: item.decisions.length })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

const PAGE_LABELS = {
  edit: "conferences.edit",
  decisions: "conferences.decisionsTitle",
  minutes: "conferences.minutes",
} as const;

/** A secondary button to one of the conference's own pages. */
function ConferenceLink({ page, conferenceId }: { page: keyof typeof PAGE_LABELS; conferenceId: string }) {
  const t = useT();
  return (
    <Link
      to={`/conferences/$conferenceId/${page}`}
      params={{ conferenceId }}
      className="button button-secondary"
    >
      {t(PAGE_LABELS[page])}
    </Link>
  );
}

function AddItem({ conference }: { conference: Conference }) {
  const t = useT();
  const time = useFormatTime();
  const referrals = useKnownReferrals();
  const add = useAddItem(conference.id);
  const { draft, setDraft, field, choose, tick } = useDraft({
    referralId: null as string | null,
    summary: "",
    question: "",
    confidential: false,
    audience: [] as string[],
  });
  const { referralId, summary, question, confidential, audience } = draft;
  const problem = problemOf(add.error);
  return (
    <section className="card" aria-labelledby="add-item-title">
      <h2 id="add-item-title">{t("conferences.addItem")}</h2>
      <ServiceForm
        problem={problem}
        onSubmit={() => {
          if (!referralId) return;
          add.mutate(
            { referralId, summary, question, confidential, audience: confidential ? audience : [] },
            {
              onSuccess: () =>
                setDraft((d) => ({ ...d, summary: "", question: "", confidential: false, audience: [] })),
            },
          );
        }}
      >
        <Select
          name="referralId"
          label={t("conferences.referral")}
          description={t("conferences.referralHint")}
          {...choose("referralId")}
          isRequired
          // Until the referrals have loaded the list would open empty (and stay closed when they come).
          isDisabled={referrals.data === undefined}
          options={(referrals.data ?? []).map((r) => ({
            id: r.referralId,
            label: t("conferences.referralOption", {
              risk: t(`risk.${r.riskLevel}`),
              municipality: r.municipality,
              at: time(r.receivedAt, "Europe/Brussels", "date"),
            }),
          }))}
        />
        <TextField
          multiline
          label={t("conferences.summary")}
          description={t("conferences.summaryHint")}
          {...field("summary")}
          isRequired
        />
        <TextField multiline label={t("conferences.question")} {...field("question")} isRequired />
        <Checkbox {...tick("confidential")}>{t("conferences.confidentialField")}</Checkbox>
        {confidential && (
          <CheckboxGroup label={t("conferences.audience")} {...field("audience")}>
            {conference.invitees.map((i) => (
              <Checkbox key={i.id} value={i.id}>
                {i.organisationName}
              </Checkbox>
            ))}
          </CheckboxGroup>
        )}
        <Refusal problem={problem} failed={t("conferences.saveFailed")} />
        <div className="actions">
          <Button type="submit" isPending={add.isPending} isDisabled={!referralId}>
            {t("conferences.addItem")}
          </Button>
        </div>
        {add.isSuccess && <Notice tone="success">{t("conferences.itemAdded")}</Notice>}
      </ServiceForm>
    </section>
  );
}
