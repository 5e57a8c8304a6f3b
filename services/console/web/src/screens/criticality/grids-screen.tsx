// The coordinator's criticality grids: every published version (the current one first), one
// version's questions, weights and thresholds, and publishing a new version as JSON (typed, pasted
// or loaded from a file), prefilled with the current definition. A version never changes.
import { useState } from "react";
import { TextField as AriaTextField, Form, Label, TextArea } from "react-aria-components";
import { problemOf } from "../../api/clients";
import {
  type CriticalityGrid,
  type GridDefinition,
  textIn,
  useGridVersion,
  useGridVersions,
  usePublishGrid,
} from "../../api/criticality";
import { useFormatTime, useLanguage, useMaybeT, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "./criticality.css";
import { STAFF_TIME_ZONE } from "../../time/zoned";
import { FieldProblems, submitInPlace, useKeyedSubmit } from "../../ui/form";
import { Notice, Refusal } from "../../ui/notice";
import { QueryTable } from "../../ui/table";

function definitionOf(grid: CriticalityGrid): GridDefinition {
  const { version: _v, maxScore: _m, publishedAt: _p, ...definition } = grid;
  return definition;
}

export function GridsScreen() {
  const t = useT();
  const time = useFormatTime();
  const versions = useGridVersions();
  const [chosen, setChosen] = useState<number | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const current = versions.data?.[0]?.version ?? null;
  const shown = chosen ?? current;
  const grid = useGridVersion(shown);
  return (
    <Page
      title={t("criticality.grids.title")}
      actions={
        <Button onPress={() => setPublishing(true)} isDisabled={publishing || !grid.data}>
          {t("criticality.grids.publish")}
        </Button>
      }
    >
      {published !== null && (
        <Notice tone="success">{t("criticality.grids.published", { version: published })}</Notice>
      )}
      {publishing && grid.data && (
        <PublishForm
          start={definitionOf(grid.data)}
          onDone={(version) => {
            setPublished(version);
            setPublishing(false);
            setChosen(null);
          }}
          onCancel={() => setPublishing(false)}
        />
      )}
      <QueryTable
        query={versions}
        empty={t("criticality.noGrid")}
        caption={t("criticality.grids.versions")}
        columns={[
          {
            header: t("criticality.gridColumn"),
            rowHeader: true,
            cell: (v) => (
              <>
                {v.version}
                {v.current && <span className="badge"> {t("criticality.grids.current")}</span>}
              </>
            ),
          },
          { header: t("criticality.grids.gridTitle"), cell: (v) => v.title },
          { header: t("criticality.grids.publishedAt"), cell: (v) => time(v.publishedAt, STAFF_TIME_ZONE) },
          { header: t("criticality.grids.publishedBy"), cell: (v) => v.publishedBy },
          {
            header: <span className="visually-hidden">{t("criticality.grids.actions")}</span>,
            cell: (v) => (
              <Button
                variant="quiet"
                onPress={() => setChosen(v.version)}
                aria-label={t("criticality.grids.viewVersion", { version: v.version })}
              >
                {t("criticality.grids.view")}
              </Button>
            ),
          },
        ]}
        rowKey={(v) => v.version}
        rowProps={(v) => ({ "aria-current": v.version === shown ? "true" : undefined })}
      />
      {grid.data && <GridView grid={grid.data} />}
    </Page>
  );
}

function GridView({ grid }: { grid: CriticalityGrid }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <section className="card" aria-labelledby="grid-view-title">
      <h2 id="grid-view-title">{t("criticality.version", { version: grid.version, title: grid.title })}</h2>
      {grid.description && <p className="hint">{grid.description}</p>}
      <p>
        {t("criticality.grids.thresholds", {
          medium: grid.thresholds.medium,
          high: grid.thresholds.high,
          max: grid.maxScore,
        })}
      </p>
      <ol className="grid-questions">
        {grid.questions.map((q) => (
          <li key={q.id}>
            <strong>{textIn(q.text, language)}</strong>
            {q.required === false && ` ${t("criticality.optional")}`}
            <ul>
              {q.options.map((o) => (
                <li key={o.id}>
                  {textIn(o.label, language)} — {t("criticality.grids.weight", { weight: o.weight })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function PublishForm({
  start,
  onDone,
  onCancel,
}: {
  start: GridDefinition;
  onDone: (version: number) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(start, null, 2));
  const [invalid, setInvalid] = useState(false);
  const publish = usePublishGrid();
  const submit = useKeyedSubmit(publish);
  const problem = problemOf(publish.error);
  const maybe = useMaybeT();
  /** "Question 3 · Réponse 1 · poids (questions.2.options.0.weight)": words, and where in the JSON. */
  const gridFieldLabel = (path: string) => {
    const steps = path.split(".");
    const words: string[] = [];
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      const index = Number(steps[i + 1]);
      if ((step === "questions" || step === "options") && Number.isInteger(index)) {
        words.push(
          t(`criticality.grids.field.${step === "questions" ? "question" : "option"}`, { n: index + 1 }),
        );
        i++;
        continue;
      }
      words.push(maybe(`criticality.grids.field.${step}`) ?? step);
    }
    return t("criticality.grids.field.path", { label: words.join(" · "), path });
  };
  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("criticality.grids.publish")}</h2>
      <Form
        className="form"
        onSubmit={submitInPlace(() => {
          let body: GridDefinition;
          try {
            body = JSON.parse(text) as GridDefinition;
          } catch {
            setInvalid(true);
            return;
          }
          setInvalid(false);
          submit(body, { onSuccess: (grid) => onDone(grid.version) });
        })}
      >
        <label className="field">
          <span>{t("criticality.grids.upload")}</span>
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </label>
        <AriaTextField className="field" value={text} onChange={setText}>
          <Label>{t("criticality.grids.json")}</Label>
          <TextArea rows={16} className="grid-json" spellCheck={false} />
        </AriaTextField>
        {invalid && <Notice tone="error">{t("criticality.grids.invalidJson")}</Notice>}
        {problem?.errors?.length ? (
          <div role="alert" className="notice error">
            <p>{t("criticality.grids.refused")}</p>
            <FieldProblems errors={problem.errors} labelOf={gridFieldLabel} />
          </div>
        ) : (
          <Refusal problem={problem} />
        )}
        <div className="actions">
          <Button type="submit" isPending={publish.isPending}>
            {t("criticality.grids.publishSubmit")}
          </Button>
          <Button variant="secondary" onPress={onCancel}>
            {t("criticality.cancel")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
