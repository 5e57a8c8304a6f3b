// The criticality grid's questions as radio groups, the same on a call-back task and on the
// police's intake form. Each group is named by the answer's path in the API (`<prefix>.<question>`),
// so a field the service refuses shows its message on its question.
import { type CriticalityGrid, textIn } from "../../api/criticality";
import { useLanguage, useT } from "../../i18n/i18n";
import { Radio, RadioGroup } from "../../ui/fields";

export function GridQuestions({
  grid,
  answers,
  onChange,
  namePrefix,
}: {
  grid: CriticalityGrid;
  answers: Record<string, string>;
  onChange: (answers: Record<string, string>) => void;
  /** The answers' path in the request body (`answers` on a task, `assessment.answers` at intake). */
  namePrefix?: string;
}) {
  const t = useT();
  const { language } = useLanguage();
  return grid.questions.map((question) => (
    <RadioGroup
      key={question.id}
      name={namePrefix ? `${namePrefix}.${question.id}` : question.id}
      label={`${textIn(question.text, language)}${question.required === false ? ` ${t("criticality.optional")}` : ""}`}
      value={answers[question.id] ?? ""}
      onChange={(value) => onChange({ ...answers, [question.id]: value })}
      isRequired={question.required !== false}
    >
      {question.options.map((option) => (
        <Radio key={option.id} value={option.id}>
          {textIn(option.label, language)}
        </Radio>
      ))}
    </RadioGroup>
  ));
}
