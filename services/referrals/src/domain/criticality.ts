// The criticality grid: a versioned questionnaire whose questions, answer weights and thresholds are
// configuration (a coordinator publishes a grid version), and the pure rules that turn a set of
// answers into a score and a risk level. No I/O here.
import { z } from "@hono/zod-openapi";
import { type FieldError, namedPattern, type RiskLevel, refusal } from "@relais/contracts";
import { givesOneOf } from "@relais/service-kit";
import { RISK_RANK } from "./policy.js";

const Id = z
  .string()
  .regex(
    namedPattern(/^[a-z][a-z0-9_]{0,39}$/, "invalid_identifier"),
    "Lower-case letters, digits and _, starting with a letter (≤ 40)",
  );

/** A text in the console's languages; at least one of them (the console falls back fr → nl → en). */
export const LocalisedText = z
  .object({
    fr: z.string().trim().min(1).max(500).optional(),
    nl: z.string().trim().min(1).max(500).optional(),
    en: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine(
    givesOneOf("fr", "nl", "en"),
    refusal("one_of_required", "Give the text in at least one of fr, nl, en"),
  )
  .openapi("LocalisedText");

export const GridOption = z
  .object({
    id: Id,
    label: LocalisedText,
    /** What choosing this answer adds to the score. */
    weight: z.number().int().min(0).max(100),
  })
  .strict();

export const GridQuestion = z
  .object({
    id: Id,
    text: LocalisedText,
    /** A required question must be answered; an optional one adds nothing when left out. */
    required: z.boolean().default(true),
    options: z.array(GridOption).min(2).max(10),
  })
  .strict();

/**
 * What a grid version holds. The level is `high` from `thresholds.high` points, `medium` from
 * `thresholds.medium`, `low` below: both bounds are inclusive.
 */
export const GridFields = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(2_000).optional(),
    questions: z.array(GridQuestion).min(1).max(60),
    thresholds: z.object({ medium: z.number().int().min(1), high: z.number().int().min(1) }).strict(),
  })
  .strict();

export const GridDefinition = GridFields.superRefine((grid, ctx) => {
  const seen = new Set<string>();
  grid.questions.forEach((question, q) => {
    if (seen.has(question.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["questions", q, "id"],
        params: { code: "duplicate" },
        message: `Duplicate question id "${question.id}"`,
      });
    }
    seen.add(question.id);
    const options = new Set<string>();
    question.options.forEach((option, o) => {
      if (options.has(option.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", q, "options", o, "id"],
          params: { code: "duplicate" },
          message: `Duplicate option id "${option.id}"`,
        });
      }
      options.add(option.id);
    });
  });
  if (grid.thresholds.medium > grid.thresholds.high) {
    ctx.addIssue({
      code: "custom",
      path: ["thresholds", "medium"],
      params: { code: "threshold_order" },
      message: "Must not exceed thresholds.high",
    });
  }
  const max = maxScore(grid);
  if (grid.thresholds.high > max) {
    ctx.addIssue({
      code: "custom",
      path: ["thresholds", "high"],
      params: { code: "threshold_unreachable", maximum: max },
      message: `Unreachable: the highest possible score is ${max}`,
    });
  }
}).openapi("CriticalityGridDefinition");
export type GridDefinition = z.infer<typeof GridDefinition>;

/** The answers to a grid: question id → the chosen option's id. */
export const Answers = z
  .record(z.string().max(40), z.string().max(40))
  .openapi({ description: "Question id → chosen option id", example: { weapon: "yes" } });
export type Answers = z.infer<typeof Answers>;

/** The highest score the grid allows: the heaviest option of every question. */
export function maxScore(grid: Pick<GridDefinition, "questions">): number {
  return grid.questions.reduce((sum, q) => sum + Math.max(0, ...q.options.map((o) => o.weight)), 0);
}

/** The level of a score: both thresholds are inclusive lower bounds. */
export function levelFor(score: number, thresholds: GridDefinition["thresholds"]): RiskLevel {
  if (score >= thresholds.high) return "high";
  if (score >= thresholds.medium) return "medium";
  return "low";
}

export type FieldProblem = FieldError;

export type Scored =
  | { ok: true; score: number; level: RiskLevel; answers: Answers }
  | { ok: false; errors: FieldProblem[] };

/**
 * Scores the answers against the grid: the sum of the chosen options' weights, and the level by the
 * thresholds. Every problem is named by its field (`answers.<question>`): an unknown question, an
 * unknown option, a required question left out.
 */
export function scoreAnswers(grid: GridDefinition, answers: Answers, field = "answers"): Scored {
  const errors: FieldProblem[] = [];
  const byId = new Map(grid.questions.map((q) => [q.id, q]));
  for (const questionId of Object.keys(answers)) {
    if (!byId.has(questionId)) {
      errors.push({
        path: `${field}.${questionId}`,
        code: "unknown_reference",
        message: "No such question in this grid version",
      });
    }
  }
  let score = 0;
  const kept: Answers = {};
  for (const question of grid.questions) {
    const chosen = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (chosen === undefined) {
      if (question.required)
        errors.push({ path: `${field}.${question.id}`, code: "required", message: "Required" });
      continue;
    }
    const option = question.options.find((o) => o.id === chosen);
    if (!option) {
      errors.push({
        path: `${field}.${question.id}`,
        code: "invalid_choice",
        message: `No option "${chosen}"; one of ${question.options.map((o) => o.id).join(", ")}`,
      });
      continue;
    }
    score += option.weight;
    kept[question.id] = option.id;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, score, level: levelFor(score, grid.thresholds), answers: kept };
}

/** Whether `next` is a higher risk than `current`. */
export function isRaised(current: RiskLevel, next: RiskLevel): boolean {
  return RISK_RANK[next] < RISK_RANK[current];
}

/** The higher of two levels. */
export function higherLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_RANK[a] <= RISK_RANK[b] ? a : b;
}
