// A partner's conferences: those their organisation is invited to.
import { useConferences } from "../../api/conferences";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import { Loaded } from "../../ui/query-state";
import { ConferenceTable } from "./conference-table";

export function MyConferencesScreen() {
  const t = useT();
  const list = useConferences();
  return (
    <Page title={t("conferences.mineTitle")}>
      <Loaded query={list}>
        {(data) => <ConferenceTable items={data} caption={t("conferences.mineTitle")} />}
      </Loaded>
    </Page>
  );
}
