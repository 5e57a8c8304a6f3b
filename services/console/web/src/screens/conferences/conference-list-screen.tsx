// The coordinator's conferences: the organisation's case conferences, and a way to schedule one.
import { Link } from "@tanstack/react-router";
import { useConferences } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import { Loaded } from "../../ui/query-state";
import { ConferenceTable } from "./conference-table";

export function ConferenceListScreen() {
  const t = useT();
  const list = useConferences();
  return (
    <Page
      title={t("conferences.listTitle")}
      actions={
        <Link to="/conferences/new" className="button button-primary">
          {t("conferences.schedule")}
        </Link>
      }
    >
      <Loaded query={list}>
        {(data) => <ConferenceTable items={data} caption={t("conferences.listTitle")} />}
      </Loaded>
    </Page>
  );
}
