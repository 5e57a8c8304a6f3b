// The actions a partner's organisation owns: what, for which conference, by when; the partner
// marks them done (or cancelled) here.
import { useMyActions } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { ListPage } from "../../ui/query-state";
import { ActionFollowUp } from "./action-status";

export function MyActionsScreen() {
  const t = useT();
  const actions = useMyActions();
  return (
    <ListPage
      title={t("conferences.myActionsTitle")}
      labelled={false}
      query={actions}
      empty={t("conferences.noActions")}
      className="plain"
      item={(a) => (
        <li key={a.id} className={`card ${a.overdue ? "row-alert" : ""}`}>
          <h2>{a.description}</h2>
          <ActionFollowUp action={a} lead={a.conferenceTitle} />
        </li>
      )}
    />
  );
}
