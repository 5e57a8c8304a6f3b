// The coordinator's view of emergency housing: nights occupied per month and kind of place, the
// share of available nights given, and where stays ended; small counts come suppressed from the
// service and are shown as such.
import { useHousingStatistics } from "../../api/housing";
import { useT } from "../../i18n/i18n";
import { todayIn } from "../../time/calendar";
import { TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { useDraft } from "../../ui/form";
import { Loaded } from "../../ui/query-state";

const SHOWN = ["occupancy.nights", "requests.outcome", "stays.exit", "followUps.outcome"];

export function HousingOccupancyScreen() {
  const t = useT();
  const thisMonth = todayIn("Europe/Brussels").slice(0, 7);
  const { draft, bind } = useDraft({ from: `${thisMonth.slice(0, 4)}-01`, to: thisMonth });
  const { from, to } = draft;
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const report = useHousingStatistics(valid ? from : thisMonth, valid ? to : thisMonth);
  const cell = (value: number | null) => (value === null ? t("housing.occupancy.suppressed") : String(value));
  return (
    <Page title={t("housing.occupancy.title")}>
      <div className="actions">
        <TextField label={t("housing.occupancy.from")} {...bind("from")} description="YYYY-MM" />
        <TextField label={t("housing.occupancy.to")} {...bind("to")} description="YYYY-MM" />
      </div>
      <p className="hint">{t("housing.occupancy.hint")}</p>
      <Loaded query={report}>
        {(data) => (
          <>
            {data.tables
              .filter((table) => SHOWN.includes(table.id))
              .map((table) => (
                <table key={table.id} className="table">
                  <caption>{t(`housing.table.${table.id}` as never)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("housing.occupancy.month")}</th>
                      {table.categories.map((c) => (
                        <th key={c} scope="col">
                          {t(`housing.category.${c}` as never)}
                        </th>
                      ))}
                      <th scope="col">{t("housing.occupancy.total")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row) => (
                      <tr key={row.key}>
                        <th scope="row">{row.key}</th>
                        {row.cells.map((value, i) => (
                          <td key={table.categories[i]}>{cell(value)}</td>
                        ))}
                        <td>{cell(row.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            {data.rates
              .filter((rate) => rate.id === "occupancy.rate")
              .map((rate) => (
                <p key={rate.id}>
                  {t("housing.occupancy.rate", {
                    rate:
                      rate.total === null
                        ? t("housing.occupancy.suppressed")
                        : `${Math.round(rate.total * 100)} %`,
                  })}
                </p>
              ))}
          </>
        )}
      </Loaded>
    </Page>
  );
}
