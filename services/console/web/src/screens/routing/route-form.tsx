// One municipality's route: its victim team and author team with their alert addresses. Warns as
// soon as both teams are the same (the service refuses it too); the service's field errors land on
// their fields.
import { useMemo, useState } from "react";
import { problemOf } from "../../api/clients";
import { type Route, usePutRoute } from "../../api/coordinator";
import { useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { ServiceForm } from "../../ui/form";

export function RouteForm({
  route,
  municipality: fixedMunicipality,
  onDone,
  onCancel,
}: {
  route?: Route;
  municipality?: string;
  onDone: (saved: Route) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const put = usePutRoute();
  const [municipality, setMunicipality] = useState(route?.municipality ?? fixedMunicipality ?? "");
  const [project, setProject] = useState(route?.project ?? "");
  const [victimTeam, setVictimTeam] = useState(route?.victim?.team ?? "");
  const [victimEmail, setVictimEmail] = useState(route?.victim?.teamEmail ?? "");
  const [authorTeam, setAuthorTeam] = useState(route?.author?.team ?? "");
  const [authorEmail, setAuthorEmail] = useState(route?.author?.teamEmail ?? "");
  const problem = problemOf(put.error);
  const sameTeam = victimTeam.trim() !== "" && victimTeam.trim() === authorTeam.trim();
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const e of problem?.errors ?? []) errors[e.path] = e.message;
    if (problem?.code === "same_team") errors["author.team"] = t("routing.sameTeam");
    return errors;
  }, [problem, t]);
  const editing = Boolean(route || fixedMunicipality);
  return (
    <ServiceForm
      className="form card"
      aria-label={t("routing.formTitle", { municipality: municipality || "…" })}
      errors={fieldErrors}
      onSubmit={() => {
        if (put.isPending) return;
        put.mutate(
          {
            municipality: municipality.trim(),
            body: {
              victim: {
                team: victimTeam.trim(),
                ...(victimEmail.trim() ? { teamEmail: victimEmail.trim() } : {}),
              },
              author: {
                team: authorTeam.trim(),
                ...(authorEmail.trim() ? { teamEmail: authorEmail.trim() } : {}),
              },
              ...(project.trim() ? { project: project.trim() } : {}),
            },
          },
          { onSuccess: onDone },
        );
      }}
    >
      <h2>{t("routing.formTitle", { municipality: municipality || "…" })}</h2>
      {problem && (
        <div role="alert" className="notice error">
          <p>{problem.status >= 500 ? t("common.serverError") : t("routing.fix")}</p>
        </div>
      )}
      <div className="grid">
        {!editing && (
          <TextField
            name="municipality"
            label={t("routing.municipality")}
            value={municipality}
            onChange={setMunicipality}
            isRequired
          />
        )}
        <TextField name="project" label={t("routing.project")} value={project} onChange={setProject} />
      </div>
      <TeamFields
        side="victim"
        legend={t("routing.victimTeam")}
        team={[victimTeam, setVictimTeam]}
        email={[victimEmail, setVictimEmail]}
      />
      <TeamFields
        side="author"
        legend={t("routing.authorTeam")}
        team={[authorTeam, setAuthorTeam]}
        email={[authorEmail, setAuthorEmail]}
      />
      {sameTeam && (
        <p role="alert" className="notice warning">
          {t("routing.sameTeam")}
        </p>
      )}
      <div className="actions">
        <Button type="submit" isPending={put.isPending} isDisabled={sameTeam}>
          {t("routing.save")}
        </Button>
        <Button variant="secondary" onPress={onCancel}>
          {t("routing.cancel")}
        </Button>
      </div>
    </ServiceForm>
  );
}

type Bound = [value: string, onChange: (value: string) => void];

/** The team (and its optional mailbox) one side of a route goes to. */
function TeamFields({
  side,
  legend,
  team: [team, onTeam],
  email: [email, onEmail],
}: {
  side: "victim" | "author";
  legend: string;
  team: Bound;
  email: Bound;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid">
        <TextField
          name={`${side}.team`}
          label={t("routing.team")}
          value={team}
          onChange={onTeam}
          isRequired
        />
        <TextField
          name={`${side}.teamEmail`}
          type="email"
          label={t("routing.teamEmail")}
          value={email}
          onChange={onEmail}
        />
      </div>
    </fieldset>
  );
}
