// Decisions and actions of a conference (the concerted plan): per agenda item, what was decided
// and who does what by when; the organiser records them and sets each action's status.
import "./conferences.css";
import { Link, useParams } from "@tanstack/react-router";
import { problemOf } from "../../api/clients";
import { type AgendaItem, type Conference, useConference, useRecordDecision } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Button, Select, TextField } from "../../ui/fields";
import { ServiceForm, useDraft } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Refusal } from "../../ui/notice";
import { ActionFollowUp } from "./action-status";

export function DecisionsScreen() {
  const t = useT();
  const { conferenceId } = useParams({ strict: false }) as { conferenceId: string };
  const conference = useConference(conferenceId);
  return (
    <Page
      title={t("conferences.decisionsTitle")}
      actions={
        <Link to="/conferences/$conferenceId" params={{ conferenceId }} className="button button-secondary">
          {t("conferences.agenda")}
        </Link>
      }
    >
      {conference.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : conference.isError ? (
        <p role="alert">{t("conferences.notFound")}</p>
      ) : conference.data.items.length === 0 ? (
        <p>{t("conferences.noItems")}</p>
      ) : (
        conference.data.items.map((item) => (
          <ItemDecisions key={item.id} conference={conference.data} item={item} />
        ))
      )}
    </Page>
  );
}

function ItemDecisions({ conference, item }: { conference: Conference; item: AgendaItem }) {
  const t = useT();
  const record = useRecordDecision(conference.id);
  const owners = conference.invitees.filter(
    (i) => !item.confidential || (item.audience ?? []).includes(i.id),
  );
  const { draft, setDraft, bind, field, choose } = useDraft({
    text: "",
    owner: null as string | null,
    description: "",
    dueDate: "",
  });
  const { text, owner, description, dueDate } = draft;
  const problem = problemOf(record.error);
  const nameOf = (id: string) => conference.invitees.find((i) => i.id === id)?.organisationName ?? "—";
  const headingId = `item-${item.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t("conferences.itemHeading", { position: item.position, risk: t(`risk.${item.riskLevel}`) })}
      </h2>
      <p className="prewrap">{item.summary}</p>
      {item.decisions.map((d) => (
        <div key={d.id} className="decision">
          <p className="prewrap">
            <strong>{t("conferences.decision")}:</strong> {d.text}
          </p>
          <ul className="plain">
            {d.actions.map((a) => (
              <li key={a.id} className={a.overdue ? "row-alert" : undefined}>
                <ActionFollowUp action={a} lead={`${a.description} — ${nameOf(a.ownerInviteeId)}`} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {conference.status === "scheduled" && (
        <ServiceForm
          problem={problem}
          onSubmit={() => {
            const actions =
              owner && description && dueDate ? [{ ownerInviteeId: owner, description, dueDate }] : [];
            record.mutate(
              { itemId: item.id, body: { text, actions } },
              {
                onSuccess: () => setDraft((d) => ({ ...d, text: "", description: "", dueDate: "" })),
              },
            );
          }}
        >
          <TextField multiline label={t("conferences.decision")} {...field("text")} isRequired />
          <div className="grid">
            <Select
              name="actions.0.ownerInviteeId"
              label={t("conferences.owner")}
              {...choose("owner")}
              options={owners.map((i) => ({ id: i.id, label: i.organisationName }))}
            />
            <TextField
              name="actions.0.description"
              label={t("conferences.action")}
              {...bind("description")}
            />
            <TextField
              name="actions.0.dueDate"
              type="date"
              label={t("conferences.due")}
              {...bind("dueDate")}
            />
          </div>
          <Refusal problem={problem} failed={t("conferences.saveFailed")} />
          <div className="actions">
            <Button type="submit" isPending={record.isPending}>
              {t("conferences.recordDecision")}
            </Button>
          </div>
        </ServiceForm>
      )}
    </section>
  );
}
