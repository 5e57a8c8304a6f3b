// The routing table: which victim team and which author team call back the people of each
// municipality (French and Dutch names are both listed), with their alert addresses; edit or add.
import { useMemo, useState } from "react";
import { type Route, useRoutes } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
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
  const [editing, setEditing] = useState<Route | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
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
        <Button onPress={() => setEditing("new")} isDisabled={editing !== null}>
          {t("routing.add")}
        </Button>
      }
    >
      {saved && (
        <p role="status" className="notice success">
          {t("routing.saved", { municipality: saved })}
        </p>
      )}
      {editing && (
        <RouteForm
          key={editing === "new" ? "new" : editing.municipality}
          route={editing === "new" ? undefined : editing}
          onDone={(route) => {
            setSaved(route.municipality);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <TextField label={t("routing.filter")} value={filter} onChange={setFilter} />
      {routes.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : routes.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("routing.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("routing.municipality")}</th>
              <th scope="col">{t("routing.project")}</th>
              <th scope="col">{t("routing.victimTeam")}</th>
              <th scope="col">{t("routing.authorTeam")}</th>
              <th scope="col">{t("routing.updated")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("routing.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((route) => (
              <tr key={route.municipality}>
                <th scope="row">{route.municipality}</th>
                <td>{route.project ?? "—"}</td>
                <td>
                  <TeamCell team={route.victim} />
                </td>
                <td>
                  <TeamCell team={route.author} />
                </td>
                <td>{time(route.updatedAt, "Europe/Brussels", "date")}</td>
                <td>
                  <Button
                    variant="secondary"
                    onPress={() => setEditing(route)}
                    aria-label={t("routing.editLabel", { municipality: route.municipality })}
                  >
                    {t("routing.edit")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
