// What the zone filed, with the feedback the police may see: status and date of first contact.
import { Link } from "@tanstack/react-router";
import { useZoneReferrals } from "../../api/referrals";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Page, RefreshButton } from "../../ui/layout";
import { Loaded } from "../../ui/query-state";
import { DataTable } from "../../ui/table";

const ZONE_TIME = "Europe/Brussels";

export function ZoneReferralsScreen() {
  const t = useT();
  const time = useFormatTime();
  const list = useZoneReferrals();
  return (
    <Page
      title={t("zone.title")}
      actions={
        <div className="actions">
          <RefreshButton onRefresh={list.refetch} />
          <Link to="/police/referrals/new" className="button button-primary">
            {t("nav.newReferral")}
          </Link>
        </div>
      }
    >
      <Loaded query={list} empty={t("zone.empty")} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <DataTable
            caption={t("zone.title")}
            columns={[t("zone.reference"), t("zone.filed"), t("zone.status"), t("zone.firstContact")]}
          >
            {data.items.map((referral) => (
              <tr key={referral.id}>
                <td>{referral.incidentReference}</td>
                <td>{time(referral.createdAt, ZONE_TIME)}</td>
                <td>
                  <span className={`status status-${referral.status}`}>
                    {t(`status.${referral.status}` as never)}
                  </span>
                </td>
                <td>{referral.firstContactAt ? time(referral.firstContactAt, ZONE_TIME) : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Page>
  );
}
