// The coordinator's conferences: the organisation's case conferences, and a way to schedule one.
import { Link } from "@tanstack/react-router";
import { useConferences } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
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
      {list.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : (
        <ConferenceTable items={list.data} caption={t("conferences.listTitle")} />
      )}
    </Page>
  );
}
