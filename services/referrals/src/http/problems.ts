import { ProblemResponses } from "@relais/service-kit";

/** 422: the request is well-formed but breaks a rule (safe window, stop rule, separate teams…). */
export const UnprocessableResponse = {
  description: "Breaks a rule of the domain: `code` says which, `errors` names the field",
  content: ProblemResponses[409].content,
} as const;
