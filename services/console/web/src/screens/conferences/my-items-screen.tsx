// A partner's agenda items across the conferences their organisation is invited to: the summary
// and the question written for them, nothing else of the case.
import "./conferences.css";
import { Link } from "@tanstack/react-router";
import { useMyItems } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { ListPage } from "../../ui/query-state";

export function MyItemsScreen() {
  const t = useT();
  const items = useMyItems();
  return (
    <ListPage
      title={t("conferences.myItemsTitle")}
      labelled={false}
      query={items}
      empty={t("conferences.noItems")}
      ordered
      className="agenda"
      item={({ conference, item }) => (
        <li key={item.id} className="card">
          <h2>
            <Link to="/conferences/$conferenceId" params={{ conferenceId: conference.id }}>
              {conference.title}
            </Link>
          </h2>
          <h3>
            {t("conferences.itemHeading", {
              position: item.position,
              risk: t(`risk.${item.riskLevel}`),
            })}
          </h3>
          <h4>{t("conferences.summary")}</h4>
          <p className="prewrap">{item.summary}</p>
          <h4>{t("conferences.question")}</h4>
          <p className="prewrap">{item.question}</p>
        </li>
      )}
    />
  );
}
