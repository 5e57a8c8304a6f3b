// The list of conferences as a table, for the coordinator's list and a partner's "my conferences".
import { Link } from "@tanstack/react-router";
import type { ConferenceSummary } from "../../api/conferences";
import { useFormatTime, useT } from "../../i18n/i18n";
import { DataTable } from "../../ui/table";

export function ConferenceTable({ items, caption }: { items: ConferenceSummary[]; caption: string }) {
  const t = useT();
  const time = useFormatTime();
  if (items.length === 0) return <p>{t("conferences.empty")}</p>;
  return (
    <DataTable
      caption={caption}
      columns={[
        t("conferences.titleColumn"),
        t("conferences.next"),
        t("conferences.zone"),
        t("conferences.items"),
        t("conferences.status"),
      ]}
    >
      {items.map((c) => (
        <tr key={c.id}>
          <th scope="row">
            <Link to="/conferences/$conferenceId" params={{ conferenceId: c.id }}>
              {c.title}
            </Link>
          </th>
          <td>{c.nextStartsAt ? time(c.nextStartsAt, c.timeZone) : "—"}</td>
          <td>
            {c.policeZone} · {c.municipality}
          </td>
          <td>{c.itemCount}</td>
          <td>
            {t(
              c.status === "cancelled"
                ? "conferences.cancelled"
                : c.recurring
                  ? "conferences.recurring"
                  : "conferences.oneOff",
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
