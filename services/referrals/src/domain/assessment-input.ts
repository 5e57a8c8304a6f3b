// What a call-back worker (or the police at intake) sends when filling the criticality grid.
import { z } from "@hono/zod-openapi";
import { Answers } from "./criticality.js";

export const AssessmentInput = z
  .object({
    /** The version the form was filled from; it must be the current one (409 `grid_superseded`). */
    gridVersion: z.number().int().positive(),
    answers: Answers,
  })
  .strict()
  .openapi("AssessmentInput");
export type AssessmentInput = z.infer<typeof AssessmentInput>;

/** At intake the version may be left out (the current one), or name any published version. */
export const IntakeAssessmentInput = z
  .object({ gridVersion: z.number().int().positive().optional(), answers: Answers })
  .strict()
  .openapi("IntakeAssessmentInput", {
    description:
      "Answers to the organisation's current criticality grid. The computed level raises the call-back tasks' risk when higher than `riskLevel`; the police never see the assessment afterwards.",
  });
export type IntakeAssessmentInput = z.infer<typeof IntakeAssessmentInput>;
