// The criticality grid on a call-back task: fill the current version (score and level shown as the
// answers are chosen, before saving), then the person's history. A raised level re-plans the task
// and alerts the team and coordinators; the screen says so with the new deadline.
import { useState } from "react";
import { problemOf } from "../../api/clients";
import {
  type Assessed,
  type CriticalityGrid,
  scoreOf,
  useAssess,
  useAssessments,
  useCurrentGrid,
} from "../../api/criticality";
import { useFormatTime, useT } from "../../i18n/i18n";
import { Button } from "../../ui/fields";
import { ServiceForm, useKeyedSubmit } from "../../ui/form";
import "../criticality/criticality.css";
import { Refusal } from "../../ui/notice";
import { DataTable } from "../../ui/table";
import { GridQuestions } from "../criticality/grid-questions";

export function CriticalitySection({ taskId, timeZone }: { taskId: string; timeZone: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<Assessed | null>(null);
  const grid = useCurrentGrid();
  return (
    <section className="card criticality" aria-labelledby="criticality-title">
      <h2 id="criticality-title">{t("criticality.title")}</h2>
      {saved && <SavedNotice assessed={saved} timeZone={timeZone} />}
      {grid.isPending ? (
        <p role="status">{t("criticality.loading")}</p>
      ) : grid.isError ? (
        <p className="notice">{t("criticality.noGrid")}</p>
      ) : open ? (
        <GridForm
          grid={grid.data}
          taskId={taskId}
          onSaved={(assessed) => {
            setSaved(assessed);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
          onSuperseded={() => void grid.refetch()}
        />
      ) : (
        <Button
          variant="secondary"
          onPress={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          {t("criticality.fill")}
        </Button>
      )}
      <History taskId={taskId} timeZone={timeZone} />
    </section>
  );
}

function SavedNotice({ assessed, timeZone }: { assessed: Assessed; timeZone: string }) {
  const t = useT();
  const time = useFormatTime();
  const level = t(`criticality.level.${assessed.riskLevel}`);
  return (
    <div role="status" className={`notice ${assessed.raised ? "error" : "success"}`}>
      <p>{t("criticality.savedScore", { score: assessed.score, level })}</p>
      <p>
        {assessed.raised
          ? t("criticality.raised", { level, deadline: time(assessed.task.slaDeadline, timeZone) })
          : t("criticality.notRaised")}
      </p>
    </div>
  );
}

function GridForm({
  grid,
  taskId,
  onSaved,
  onCancel,
  onSuperseded,
}: {
  grid: CriticalityGrid;
  taskId: string;
  onSaved: (assessed: Assessed) => void;
  onCancel: () => void;
  onSuperseded: () => void;
}) {
  const t = useT();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const assess = useAssess(taskId);
  const submit = useKeyedSubmit(assess);
  const problem = problemOf(assess.error);
  const { score, level, missing } = scoreOf(grid, answers);
  return (
    <ServiceForm
      problem={problem}
      nameOf={(path) => path.replace(/^answers\./, "")}
      onSubmit={() => {
        if (missing > 0 || assess.isPending) return;
        submit(
          { gridVersion: grid.version, answers },
          {
            onSuccess: onSaved,
            onError: (error) => {
              if (problemOf(error)?.code === "grid_superseded") onSuperseded();
            },
          },
        );
      }}
    >
      <p className="hint">{t("criticality.version", { version: grid.version, title: grid.title })}</p>
      <GridQuestions grid={grid} answers={answers} onChange={setAnswers} />
      <output className={`criticality-score level-${level}`} aria-live="polite">
        <strong>{t("criticality.score", { score, max: grid.maxScore })}</strong>{" "}
        <span className={`badge risk-${level}`}>{t(`criticality.level.${level}`)}</span>
        {missing > 0 && <span className="hint"> {t("criticality.missing", { count: missing })}</span>}
      </output>
      <Refusal problem={problem} codes={{ grid_superseded: t("criticality.superseded") }} />
      <div className="actions">
        <Button type="submit" isPending={assess.isPending} isDisabled={missing > 0}>
          {t("criticality.save")}
        </Button>
        <Button variant="secondary" onPress={onCancel}>
          {t("criticality.cancel")}
        </Button>
      </div>
    </ServiceForm>
  );
}

function History({ taskId, timeZone }: { taskId: string; timeZone: string }) {
  const t = useT();
  const time = useFormatTime();
  const history = useAssessments(taskId);
  return (
    <>
      <h3>{t("criticality.history")}</h3>
      {history.isPending ? (
        <p role="status">{t("criticality.loading")}</p>
      ) : history.isError ? (
        <p role="alert">{t("common.loadFailed")}</p>
      ) : history.data.length === 0 ? (
        <p className="hint">{t("criticality.historyEmpty")}</p>
      ) : (
        <DataTable
          caption={t("criticality.history")}
          rows={history.data}
          columns={[
            { header: t("criticality.when"), cell: (a) => time(a.assessedAt, timeZone) },
            { header: t("criticality.source"), cell: (a) => t(`criticality.source.${a.source}`) },
            { header: t("criticality.scoreColumn"), cell: (a) => a.score },
            {
              header: t("criticality.levelColumn"),
              cell: (a) => (
                <>
                  {t(`criticality.level.${a.riskLevel}`)}
                  {a.raised && ` · ${t("criticality.raisedShort")}`}
                </>
              ),
            },
            { header: t("criticality.gridColumn"), cell: (a) => a.gridVersion },
          ]}
          rowKey={(a) => a.id}
        />
      )}
    </>
  );
}
