// The criticality grid on the intake form (issue 17: "or police at intake"): optional, the current
// version's questions, no score. The computed level raises the call-back tasks' risk; the police
// never see the assessment, here or afterwards (services/referrals README, "Criticality grid").
import { useCurrentGrid } from "../../api/criticality";
import { useT } from "../../i18n/i18n";
import { Checkbox } from "../../ui/fields";
import { GridQuestions } from "../criticality/grid-questions";
import type { ReferralDraft } from "./referral-form-state";

export function IntakeGrid({
  grid: draft,
  onChange,
}: {
  grid: ReferralDraft["grid"];
  onChange: (grid: ReferralDraft["grid"]) => void;
}) {
  const t = useT();
  const grid = useCurrentGrid();
  // An organisation without a grid has nothing to answer.
  if (grid.isError) return null;
  return (
    <fieldset className="criticality">
      <legend>{t("criticality.title")}</legend>
      {grid.isPending ? (
        <p role="status">{t("criticality.loading")}</p>
      ) : (
        <>
          <Checkbox
            name="gridOpen"
            isSelected={draft.open}
            onChange={(open) => onChange({ ...draft, open, version: grid.data.version })}
          >
            {t("criticality.intake.toggle")}
          </Checkbox>
          <p className="hint">{t("criticality.intake.hint")}</p>
          {draft.open && (
            <GridQuestions
              grid={grid.data}
              answers={draft.answers}
              onChange={(answers) => onChange({ ...draft, answers })}
              namePrefix="assessment.answers"
            />
          )}
        </>
      )}
    </fieldset>
  );
}
