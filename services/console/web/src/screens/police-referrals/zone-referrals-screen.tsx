// What the zone filed, with the feedback the police may see: status and date of first contact.
import { Link } from "@tanstack/react-router";
import { useZoneReferrals } from "../../api/referrals";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";

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
          <Button variant="secondary" onPress={() => list.refetch()}>
            {t("common.refresh")}
          </Button>
          <Link to="/police/referrals/new" className="button button-primary">
            {t("nav.newReferral")}
          </Link>
        </div>
      }
    >
      {list.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : list.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : list.data.items.length === 0 ? (
        <p>{t("zone.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("zone.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("zone.reference")}</th>
              <th scope="col">{t("zone.filed")}</th>
              <th scope="col">{t("zone.status")}</th>
              <th scope="col">{t("zone.firstContact")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((referral) => (
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
          </tbody>
        </table>
      )}
    </Page>
  );
}
