// Call-back workers and coordinators: ask for a place, and see their team's requests — whether a
// place is allocated and the person told, never the place or its address.
import { usePlacements } from "../../api/housing";
import { useT } from "../../i18n/i18n";
import { Page } from "../../ui/layout";
import { useFormatDay } from "./housing-format";
import { PlacementRequestForm } from "./request-form";
import "../../ui/staff.css";
import { QueryList } from "../../ui/query-state";

export function HousingRequestScreen() {
  const t = useT();
  const day = useFormatDay();
  const mine = usePlacements({ status: "waiting,allocated,confirmed,declined" });
  return (
    <Page title={t("housing.request.screen")}>
      <PlacementRequestForm />
      <h2>{t("housing.request.ours")}</h2>
      <QueryList
        query={mine}
        empty={t("housing.request.none")}
        className="plain-list"
        aria-label={t("housing.request.ours")}
        item={(p) => (
          <li key={p.id} className="card">
            <h3 className="task-title">{p.personRef}</h3>
            <p>{t(`housing.request.answer.${p.status}` as never)}</p>
            <p className="hint">
              {t("housing.fromTo", { from: day(p.startDate), to: day(p.plannedEndDate) })}
            </p>
          </li>
        )}
      />
    </Page>
  );
}
