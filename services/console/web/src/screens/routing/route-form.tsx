// One municipality's route: its victim team and author team with their alert addresses. Warns as
// soon as both teams are the same (the service refuses it too); the service's field errors land on
// their fields.
import { useMemo } from "react";
import { problemOf } from "../../api/clients";
import { type Route, usePutRoute } from "../../api/coordinator";
import { useT } from "../../i18n/i18n";
import { TextField } from "../../ui/fields";
import { type Bound, FormActions, ProblemAlert, ServiceForm, useDraft, useFieldMessage } from "../../ui/form";
import { Notice } from "../../ui/notice";

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
  const say = useFieldMessage();
  const put = usePutRoute();
  const { draft, bind, field } = useDraft({
    municipality: route?.municipality ?? fixedMunicipality ?? "",
    project: route?.project ?? "",
    victimTeam: route?.victim?.team ?? "",
    victimEmail: route?.victim?.teamEmail ?? "",
    authorTeam: route?.author?.team ?? "",
    authorEmail: route?.author?.teamEmail ?? "",
  });
  const { municipality, project, victimTeam, victimEmail, authorTeam, authorEmail } = draft;
  const problem = problemOf(put.error);
  const sameTeam = victimTeam.trim() !== "" && victimTeam.trim() === authorTeam.trim();
  const fieldErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const e of problem?.errors ?? []) errors[e.path] = say(e);
    if (problem?.code === "same_team") errors["author.team"] = t("routing.sameTeam");
    return errors;
  }, [problem, t, say]);
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
      {problem && <ProblemAlert problem={problem} fix={t("routing.fix")} listFields={false} />}
      <div className="grid">
        {!editing && <TextField label={t("routing.municipality")} {...field("municipality")} isRequired />}
        <TextField label={t("routing.project")} {...field("project")} />
      </div>
      <TeamFields
        side="victim"
        legend={t("routing.victimTeam")}
        team={bind("victimTeam")}
        email={bind("victimEmail")}
      />
      <TeamFields
        side="author"
        legend={t("routing.authorTeam")}
        team={bind("authorTeam")}
        email={bind("authorEmail")}
      />
      {sameTeam && <Notice tone="warning">{t("routing.sameTeam")}</Notice>}
      <FormActions
        submit={t("routing.save")}
        isPending={put.isPending}
        isDisabled={sameTeam}
        cancel={t("routing.cancel")}
        onCancel={onCancel}
      />
    </ServiceForm>
  );
}

/** The team (and its optional mailbox) one side of a route goes to. */
function TeamFields({
  side,
  legend,
  team,
  email,
}: {
  side: "victim" | "author";
  legend: string;
  team: Bound<string>;
  email: Bound<string>;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid">
        <TextField name={`${side}.team`} label={t("routing.team")} {...team} isRequired />
        <TextField name={`${side}.teamEmail`} type="email" label={t("routing.teamEmail")} {...email} />
      </div>
    </fieldset>
  );
}
