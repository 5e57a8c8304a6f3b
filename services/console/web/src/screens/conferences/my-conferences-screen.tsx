// A partner's conferences: those their organisation is invited to.
import { useConferences } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import { ConferenceTable } from "./conference-table";

export function MyConferencesScreen() {
  const t = useT();
  const list = useConferences();
  return (
    <Page title={t("conferences.mineTitle")}>
      {list.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : (
        <ConferenceTable items={list.data} caption={t("conferences.mineTitle")} />
      )}
    </Page>
  );
}
