// The coordinators' queue: tasks of municipalities with no route. Give each to a team, and add the
// missing route from here so the next referral from that municipality is routed by itself.
import { useMemo, useState } from "react";
import { problemOf } from "../../api/clients";
import { type UnroutedTask, useAssign, useRoutes, useUnrouted } from "../../api/coordinator";
import { useFormatTime, useT } from "../../i18n/i18n";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { Fact } from "../../ui/fact";
import { Button, ComboBox } from "../../ui/fields";
import { Notice } from "../../ui/notice";
import { ListPage } from "../../ui/query-state";
import { RouteForm } from "../routing/route-form";

export function UnroutedScreen() {
  const t = useT();
  const queue = useUnrouted();
  const routes = useRoutes();
  const [routing, setRouting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const teams = useMemo(() => {
    const all = new Set<string>();
    for (const r of routes.data ?? []) {
      if (r.victim) all.add(r.victim.team);
      if (r.author) all.add(r.author.team);
    }
    return [...all].sort().map((id) => ({ id, label: id }));
  }, [routes.data]);
  return (
    <ListPage
      title={t("oversight.unroutedTitle")}
      before={
        <>
          {notice && <Notice tone="success">{notice}</Notice>}
          {routing && (
            <RouteForm
              municipality={routing}
              onDone={(route) => {
                setNotice(t("routing.saved", { municipality: route.municipality }));
                setRouting(null);
              }}
              onCancel={() => setRouting(null)}
            />
          )}
        </>
      }
      query={queue}
      empty={t("oversight.unroutedEmpty")}
      className="queue"
      item={(task, index) => (
        <UnroutedRow
          key={task.id}
          task={task}
          n={index + 1}
          teams={teams}
          onAssigned={(team) => setNotice(t("oversight.assigned", { team }))}
          onAddRoute={() => setRouting(task.municipality)}
        />
      )}
    />
  );
}

function UnroutedRow({
  task,
  n,
  teams,
  onAssigned,
  onAddRoute,
}: {
  task: UnroutedTask;
  n: number;
  teams: Array<{ id: string; label: string }>;
  onAssigned: (team: string) => void;
  onAddRoute: () => void;
}) {
  const t = useT();
  const time = useFormatTime();
  const assign = useAssign();
  const [team, setTeam] = useState("");
  const problem = problemOf(assign.error);
  return (
    <li className={`task-row risk-${task.riskLevel}`}>
      <div className="task-main">
        <h2 className="task-title">
          {t("oversight.unroutedTask", {
            n,
            role: t(`personRole.${task.role}`),
            municipality: task.municipality,
          })}
        </h2>
        <span className={`risk risk-${task.riskLevel}`}>{t(`risk.${task.riskLevel}`)}</span>
      </div>
      <dl className="task-facts">
        <Fact term={t("oversight.deadline")}>{time(task.slaDeadline, STAFF_TIME_ZONE)}</Fact>
        <Fact term={t("oversight.attempts")}>{task.attempts}</Fact>
      </dl>
      {problem && <Notice tone="error">{t("oversight.assignFailed")}</Notice>}
      <div className="assign">
        <ComboBox
          label={t("oversight.assignTeam", { n })}
          options={teams}
          inputValue={team}
          onInputChange={setTeam}
          onSelectionChange={(key) => key !== null && setTeam(String(key))}
          isInvalid={Boolean(problem)}
        />
        <Button
          isDisabled={team.trim() === ""}
          isPending={assign.isPending}
          onPress={() =>
            assign.mutate({ id: task.id, team: team.trim() }, { onSuccess: (done) => onAssigned(done.team) })
          }
          aria-label={t("oversight.assignLabel", { n })}
        >
          {t("oversight.assign")}
        </Button>
        <Button variant="secondary" onPress={onAddRoute}>
          {t("oversight.addRoute", { municipality: task.municipality })}
        </Button>
      </div>
    </li>
  );
}
