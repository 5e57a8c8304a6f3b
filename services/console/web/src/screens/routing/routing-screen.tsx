// The routing table: which victim team and which author team call back the people of each
// municipality (French and Dutch names are both listed), with their alert addresses; edit or add.
import { useMemo, useState } from "react";
import { type Route, useRoutes } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { useEntryEditor } from "../../ui/form";
import { Page } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { Loaded } from "../../ui/query-state";
import { DataTable } from "../../ui/table";
import { RouteForm } from "./route-form";

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

export function RoutingScreen() {
  const t = useT();
  const time = useFormatTime();
  const routes = useRoutes();
  const [filter, setFilter] = useState("");
  const { editing, form, lastSaved, open, close, done } = useEntryEditor<Route>((r) => r.municipality);
  const shown = useMemo(
    () =>
      (routes.data ?? []).filter((r) =>
        fold(`${r.municipality} ${r.project ?? ""} ${r.victim?.team ?? ""} ${r.author?.team ?? ""}`).includes(
          fold(filter),
        ),
      ),
    [routes.data, filter],
  );
  return (
    <Page
      title={t("routing.title")}
      actions={
        <Button onPress={() => open("new")} isDisabled={editing !== null}>
          {t("routing.add")}
        </Button>
      }
    >
      {lastSaved && <Notice tone="success">{t("routing.saved", { municipality: lastSaved })}</Notice>}
      {form && (
        <RouteForm
          key={form.key}
          route={form.entry}
          onDone={(route) => done(route.municipality)}
          onCancel={close}
        />
      )}
      <TextField label={t("routing.filter")} value={filter} onChange={setFilter} />
      <Loaded query={routes}>
        {() => (
          <DataTable
            caption={t("routing.title")}
            rows={shown}
            columns={[
              { header: t("routing.municipality"), rowHeader: true, cell: (route) => route.municipality },
              { header: t("routing.project"), cell: (route) => route.project ?? "—" },
              {
                header: t("routing.victimTeam"),
                cell: (route) => <TeamCell team={route.victim} />,
              },
              {
                header: t("routing.authorTeam"),
                cell: (route) => <TeamCell team={route.author} />,
              },
              {
                header: t("routing.updated"),
                cell: (route) => time(route.updatedAt, "Europe/Brussels", "date"),
              },
              {
                header: <span className="visually-hidden">{t("routing.actions")}</span>,
                cell: (route) => (
                  <Button
                    variant="secondary"
                    onPress={() => open(route)}
                    aria-label={t("routing.editLabel", { municipality: route.municipality })}
                  >
                    {t("routing.edit")}
                  </Button>
                ),
              },
            ]}
            rowKey={(route) => route.municipality}
          />
        )}
      </Loaded>
    </Page>
  );
}

function TeamCell({ team }: { team: Route["victim"] }) {
  if (!team) return <>—</>;
  return (
    <>
      <span>{team.team}</span>
      {team.teamEmail && <span className="hint"> {team.teamEmail}</span>}
    </>
  );
}
