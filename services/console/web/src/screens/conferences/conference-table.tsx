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
      rows={items}
      columns={[
        {
          header: t("conferences.titleColumn"),
          rowHeader: true,
          cell: (c) => (
            <Link to="/conferences/$conferenceId" params={{ conferenceId: c.id }}>
              {c.title}
            </Link>
          ),
        },
        {
          header: t("conferences.next"),
          cell: (c) => (c.nextStartsAt ? time(c.nextStartsAt, c.timeZone) : "—"),
        },
        {
          header: t("conferences.zone"),
          cell: (c) => (
            <>
              {c.policeZone} · {c.municipality}
            </>
          ),
        },
        { header: t("conferences.items"), cell: (c) => c.itemCount },
        {
          header: t("conferences.status"),
          cell: (c) =>
            t(
              c.status === "cancelled"
                ? "conferences.cancelled"
                : c.recurring
                  ? "conferences.recurring"
                  : "conferences.oneOff",
            ),
        },
      ]}
      rowKey={(c) => c.id}
    />
  );
}
