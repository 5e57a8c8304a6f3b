// What the zone filed, with the feedback the police may see: status and date of first contact.
import { Link } from "@tanstack/react-router";
import { useZoneReferrals } from "../../api/referrals";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Page, RefreshButton } from "../../ui/layout";
import { Loaded } from "../../ui/query-state";
import { DataTable } from "../../ui/table";

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
            rows={data.items}
            columns={[
              { header: t("zone.reference"), cell: (referral) => referral.incidentReference },
              { header: t("zone.filed"), cell: (referral) => time(referral.createdAt, STAFF_TIME_ZONE) },
              {
                header: t("zone.status"),
                cell: (referral) => (
                  <span className={`status status-${referral.status}`}>
                    {t(`status.${referral.status}` as never)}
                  </span>
                ),
              },
              {
                header: t("zone.firstContact"),
                cell: (referral) =>
                  referral.firstContactAt ? time(referral.firstContactAt, STAFF_TIME_ZONE) : "—",
              },
            ]}
            rowKey={(referral) => referral.id}
          />
        )}
      </Loaded>
    </Page>
  );
}
