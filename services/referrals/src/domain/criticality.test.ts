import { describe, expect, it } from "vitest";
import { EXAMPLE_GRID } from "../db/criticality-grid-example.js";
import { GridDefinition, higherLevel, isRaised, levelFor, maxScore, scoreAnswers } from "./criticality.js";

const label = { en: "x" };
/** A question whose options are [option id, weight] pairs, in that order, all labelled alike. */
const question = (id: string, options: Array<[string, number]>, extra: { required?: boolean } = {}) => ({
  id,
  text: label,
  ...extra,
  options: options.map(([option, weight]) => ({ id: option, label, weight })),
});
// Two required questions (0/3/5 and 0/4) and an optional one (0/2): scores 0..11.
const grid = GridDefinition.parse({
  title: "Test grid",
  questions: [
    question("a", [
      ["none", 0],
      ["some", 3],
      ["lots", 5],
    ]),
    question("b", [
      ["no", 0],
      ["yes", 4],
    ]),
    question(
      "c",
      [
        ["no", 0],
        ["yes", 2],
      ],
      { required: false },
    ),
  ],
  thresholds: { medium: 4, high: 9 },
});

describe("levelFor", () => {
  it.each([
    [0, "low"],
    [3, "low"],
    [4, "medium"],
    [8, "medium"],
    [9, "high"],
    [11, "high"],
  ] as const)("score %i is %s (both thresholds are inclusive lower bounds)", (score, level) => {
    expect(levelFor(score, grid.thresholds)).toBe(level);
  });

  it("with equal thresholds jumps from low straight to high", () => {
    expect(levelFor(4, { medium: 5, high: 5 })).toBe("low");
    expect(levelFor(5, { medium: 5, high: 5 })).toBe("high");
  });
});

describe("scoreAnswers", () => {
  it("sums the chosen options' weights", () => {
    expect(scoreAnswers(grid, { a: "some", b: "no" })).toEqual({
      ok: true,
      score: 3,
      level: "low",
      answers: { a: "some", b: "no" },
    });
    expect(scoreAnswers(grid, { a: "none", b: "yes" })).toMatchObject({ score: 4, level: "medium" });
    expect(scoreAnswers(grid, { a: "lots", b: "no", c: "yes" })).toMatchObject({ score: 7, level: "medium" });
    expect(scoreAnswers(grid, { a: "lots", b: "yes" })).toMatchObject({ score: 9, level: "high" });
    expect(scoreAnswers(grid, { a: "lots", b: "yes", c: "yes" })).toMatchObject({ score: 11, level: "high" });
  });

  it("lands on each side of each threshold", () => {
    // 3 → low, 4 → medium (the medium edge); 7 → medium, 9 → high (the high edge, 8 is unreachable).
    expect(scoreAnswers(grid, { a: "some", b: "no" })).toMatchObject({ score: 3, level: "low" });
    expect(scoreAnswers(grid, { a: "none", b: "yes" })).toMatchObject({ score: 4, level: "medium" });
    expect(scoreAnswers(grid, { a: "some", b: "yes" })).toMatchObject({ score: 7, level: "medium" });
    expect(scoreAnswers(grid, { a: "some", b: "yes", c: "yes" })).toMatchObject({ score: 9, level: "high" });
  });

  it("names an unknown question by its field", () => {
    expect(scoreAnswers(grid, { a: "none", b: "no", weapon: "yes" })).toEqual({
      ok: false,
      errors: [
        {
          path: "answers.weapon",
          code: "unknown_reference",
          message: "No such question in this grid version",
        },
      ],
    });
  });

  it("names an unknown option and lists the valid ones", () => {
    const result = scoreAnswers(grid, { a: "maybe", b: "no" });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "answers.a", code: "invalid_choice", message: 'No option "maybe"; one of none, some, lots' },
      ],
    });
  });

  it("requires every required question and only those", () => {
    expect(scoreAnswers(grid, {})).toEqual({
      ok: false,
      errors: [
        { path: "answers.a", code: "required", message: "Required" },
        { path: "answers.b", code: "required", message: "Required" },
      ],
    });
    expect(scoreAnswers(grid, { a: "none", b: "no" })).toMatchObject({ ok: true, score: 0 });
  });

  it("reports every problem at once, under the field name it is given", () => {
    const result = scoreAnswers(grid, { x: "1", a: "nope" }, "assessment.answers");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      "assessment.answers.x",
      "assessment.answers.a",
      "assessment.answers.b",
    ]);
  });

  it("does not take inherited keys for answers", () => {
    expect(scoreAnswers(grid, { a: "none", b: "no", constructor: "x" })).toMatchObject({
      ok: false,
      errors: [{ path: "answers.constructor" }],
    });
    const noAnswers = Object.create({ a: "lots", b: "yes" }) as Record<string, string>;
    expect(scoreAnswers(grid, noAnswers)).toMatchObject({ ok: false });
  });
});

describe("GridDefinition", () => {
  it("refuses duplicate question and option ids, naming the field", () => {
    const result = GridDefinition.safeParse({
      title: "t",
      questions: [
        question("a", [
          ["x", 1],
          ["x", 2],
        ]),
        question("a", [
          ["x", 1],
          ["y", 2],
        ]),
      ],
      thresholds: { medium: 1, high: 2 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "questions.0.options.1.id",
      "questions.1.id",
    ]);
  });

  it("refuses thresholds out of order or out of reach", () => {
    const base = { title: "t", questions: grid.questions };
    const paths = (thresholds: unknown) =>
      GridDefinition.safeParse({ ...base, thresholds }).error?.issues.map((i) => i.path.join("."));
    expect(paths({ medium: 5, high: 4 })).toEqual(["thresholds.medium"]);
    expect(paths({ medium: 4, high: 12 })).toEqual(["thresholds.high"]);
    expect(paths({ medium: 4, high: 11 })).toBeUndefined();
    expect(paths({ medium: 0, high: 4 })).toEqual(["thresholds.medium"]);
  });

  it("needs a text in at least one language", () => {
    const result = GridDefinition.safeParse({
      ...grid,
      questions: [{ ...grid.questions[0], text: {} }, ...grid.questions.slice(1)],
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["questions.0.text"]);
  });
});

describe("the example grid", () => {
  it("is a valid grid, marked as an example, whose thresholds can all be reached", () => {
    const parsed = GridDefinition.parse(EXAMPLE_GRID);
    expect(parsed.title).toMatch(/EXAMPLE/);
    expect(maxScore(parsed)).toBe(23);
    expect(parsed.thresholds.high).toBeLessThanOrEqual(maxScore(parsed));
    for (const q of parsed.questions) {
      for (const text of [q.text, ...q.options.map((o) => o.label)]) {
        expect(Object.keys(text).sort()).toEqual(["en", "fr", "nl"]);
      }
    }
  });
});

describe("risk order", () => {
  it("knows which level is higher", () => {
    expect(isRaised("low", "medium")).toBe(true);
    expect(isRaised("medium", "high")).toBe(true);
    expect(isRaised("high", "high")).toBe(false);
    expect(isRaised("high", "low")).toBe(false);
    expect(higherLevel("low", "high")).toBe("high");
    expect(higherLevel("medium", "low")).toBe("medium");
  });
});
