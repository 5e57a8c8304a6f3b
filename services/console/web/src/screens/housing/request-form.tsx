// Asking for an emergency place for a person: from a call-back task (its person, referral, team
// and risk filled in) or standalone. The answer says whether a place is allocated — never where.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import { type Placement, useRequestPlacement } from "../../api/housing";
import { useSession } from "../../api/session";
import { useT } from "../../i18n/i18n";
import { Radio, RadioGroup, Select, TextField } from "../../ui/fields";
import { FormActions, ServiceForm, topField, useDraft, useKeyedSubmit } from "../../ui/form";
import { Notice, Refusal } from "../../ui/notice";

type Risk = "high" | "medium" | "low";

export interface FromTask {
  id: string;
  personRef: string;
  referralId: string;
  team: string;
  riskLevel: Risk;
}

export function PlacementRequestForm({ task }: { task?: FromTask }) {
  const t = useT();
  const session = useSession();
  const teams = session.data?.signedIn ? session.data.user.teams : [];
  const request = useRequestPlacement();
  const submit = useKeyedSubmit(request);

  const { draft, bind, field, choose } = useDraft({
    personRef: task?.personRef ?? "",
    household: "1",
    risk: (task?.riskLevel ?? "high") as string,
    nights: "14",
    team: task?.team ?? teams[0] ?? null,
  });
  const { team } = draft;
  const [answer, setAnswer] = useState<Placement | null>(null);
  const problem = problemOf(request.error);
  return (
    <ServiceForm
      className="card"
      problem={problem}
      nameOf={topField}
      aria-labelledby="housing-request"
      onSubmit={() => {
        const body = {
          personRef: draft.personRef.trim(),
          householdSize: Number(draft.household),
          riskLevel: draft.risk as Risk,
          nights: Number(draft.nights),
          ...(team ? { team } : {}),
          ...(task ? { referralId: task.referralId, taskId: task.id } : {}),
        };
        submit(body, { onSuccess: (placed) => setAnswer(placed as Placement) });
      }}
    >
      <h2 id="housing-request">{t("housing.request.title")}</h2>
      {!task && (
        <TextField
          label={t("housing.person")}
          description={t("housing.request.personHint")}
          {...field("personRef")}
          isRequired
          autoComplete="off"
        />
      )}
      <TextField
        name="householdSize"
        label={t("housing.householdSize")}
        inputMode="numeric"
        {...bind("household")}
      />
      <RadioGroup label={t("housing.urgency")} {...bind("risk")}>
        <Radio value="high">{t("housing.request.immediate")}</Radio>
        <Radio value="medium">{t("housing.risk.medium")}</Radio>
        <Radio value="low">{t("housing.risk.low")}</Radio>
      </RadioGroup>
      <TextField label={t("housing.request.nights")} inputMode="numeric" {...field("nights")} />
      {!task && teams.length > 1 && (
        <Select
          label={t("housing.request.team")}
          {...choose("team")}
          options={teams.map((id) => ({ id, label: id }))}
        />
      )}
      <FormActions submit={t("housing.request.submit")} isPending={request.isPending} />
      {answer && <Notice tone="success">{t(`housing.request.answer.${answer.status}` as never)}</Notice>}
      <Refusal
        problem={problem}
        codes={{
          placement_open: t("housing.request.alreadyOpen"),
          person_not_followed: t("housing.request.notFollowed"),
        }}
        statuses={{ 400: t("housing.request.checkFields") }}
      />
    </ServiceForm>
  );
}
