// Turns zod failures from request validation into a 400 problem naming each bad field.
import type { Context } from "hono";
import type { ZodError } from "zod";
import { type FieldError, problemResponse } from "./errors.js";

const TARGET_NAMES: Record<string, string> = { json: "body", form: "body", param: "path", header: "header" };

export function fieldErrors(error: ZodError, target?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path:
      issue.path.length > 0 ? issue.path.map(String).join(".") : (TARGET_NAMES[target ?? ""] ?? target ?? ""),
    message: issue.message,
  }));
}

type HookResult = { target: string } & ({ success: true } | { success: false; error: ZodError });

/** The `defaultHook` of every service app; pass it to sub-apps' `new OpenAPIHono({ defaultHook })` too. */
export function defaultHook(result: HookResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  return problemResponse(c, {
    status: 400,
    code: "invalid",
    title: "Invalid request",
    detail: `The request ${TARGET_NAMES[result.target] ?? result.target} is not valid`,
    errors: fieldErrors(result.error, result.target),
  });
}

/**
 * The refinement of an object of optional fields that means nothing unless one of `keys` is given
 * (`.refine(givesOneOf("email", "phone"), { message })`); the message stays the schema's own.
 */
export function givesOneOf<K extends PropertyKey>(...keys: K[]) {
  return (value: { [key in K]?: unknown }) => keys.some((key) => value[key] !== undefined);
}
