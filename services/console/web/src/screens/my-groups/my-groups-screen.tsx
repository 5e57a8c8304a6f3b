// The home of the people who run groups: the safety check-ins still to make (until resolved),
// then their groups with kind, language, seats taken, waitlist and next session.
import { Link } from "@tanstack/react-router";
import { useIntl } from "react-intl";
import { useOpenCheckIns, useResolveCheckIn } from "../../api/check-ins";
import { useMyGroups } from "../../api/groups";
import { useSession } from "../../api/session";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { QueryTable } from "../../ui/table";

export function MyGroupsScreen() {
  const t = useT();
  const intl = useIntl();
  const session = useSession();
  const roles = session.data?.signedIn ? session.data.user.roles : [];
  const groups = useMyGroups();
  const canCreate = roles.some((r) => r === "facilitator" || r === "programme_staff" || r === "coordinator");
  return (
    <Page
      title={t("groups.title")}
      actions={
        canCreate && (
          <Link to="/groups/new" className="button button-primary">
            {t("groups.new")}
          </Link>
        )
      }
    >
      {(roles.includes("facilitator") || roles.includes("coordinator")) && <CheckInsPanel />}
      <QueryTable
        query={groups}
        empty={t("groups.empty")}
        caption={t("groups.title")}
        columns={[
          {
            header: t("groups.publicName"),
            cell: (g) => (
              <Link to="/groups/$groupId" params={{ groupId: g.id }}>
                {g.publicName}
              </Link>
            ),
          },
          { header: t("groups.kind"), cell: (g) => t(`groups.kind.${g.kind}` as never) },
          { header: t("groups.language"), cell: (g) => t(`language.${g.language}` as never) },
          {
            header: t("groups.seats"),
            cell: (g) => t("groups.seatsValue", { taken: g.seats?.enrolled ?? 0, capacity: g.capacity }),
          },
          { header: t("groups.waitlist"), cell: (g) => g.seats?.waitlisted ?? 0 },
          {
            header: t("groups.next"),
            cell: (g) =>
              g.nextSessionAt
                ? intl.formatDate(new Date(g.nextSessionAt), {
                    timeZone: g.schedule.timeZone,
                    dateStyle: "medium",
                    timeStyle: "short",
                  })
                : "—",
          },
        ]}
        rowKey={(g) => g.id}
      />
    </Page>
  );
}

function CheckInsPanel() {
  const t = useT();
  const time = useFormatTime();
  const checkIns = useOpenCheckIns(true);
  const resolve = useResolveCheckIn();
  const groups = useMyGroups();
  const groupOf = (id: string) => groups.data?.find((g) => g.id === id);
  if (!checkIns.data || checkIns.data.length === 0) return null;
  return (
    <section className="card check-ins" aria-labelledby="check-ins-title">
      <h2 id="check-ins-title">{t("checkins.title")}</h2>
      <p className="hint">{t("checkins.hint")}</p>
      <ul className="plain-list">
        {checkIns.data.map((c) => {
          const group = groupOf(c.groupId);
          const zone = group?.schedule.timeZone ?? "Europe/Brussels";
          const who = c.displayName ?? t("checkins.someone");
          return (
            <li key={c.id} className="check-in-row">
              <span>
                {t("checkins.missed", {
                  name: who,
                  group: group?.publicName ?? "",
                  at: time(c.sessionStartsAt, zone),
                })}
              </span>
              <Button
                onPress={() => resolve.mutate(c.id)}
                isPending={resolve.isPending && resolve.variables === c.id}
                aria-label={t("checkins.resolveLabel", { name: who })}
              >
                {t("checkins.resolve")}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
