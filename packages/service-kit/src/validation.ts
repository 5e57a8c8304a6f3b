// Turns zod failures from request validation into a 400 problem naming each bad field.
import { FIELD_CODES, type FieldCode, patternCode } from "@relais/contracts";
import type { Context } from "hono";
import type { ZodError, z } from "zod";
import { type FieldError, problemResponse } from "./errors.js";

const TARGET_NAMES: Record<string, string> = { json: "body", form: "body", param: "path", header: "header" };

/**
 * Each issue as a field error: its path, zod's English message, and its code. With the `input`
 * that was validated, a value of the wrong type that is not there at all is `required`.
 */
export function fieldErrors(error: ZodError, target?: string, input?: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    path:
      issue.path.length > 0 ? issue.path.map(String).join(".") : (TARGET_NAMES[target ?? ""] ?? target ?? ""),
    message: issue.message,
    ...(issue.code === "invalid_type" && input !== undefined && valueAt(input, issue.path) == null
      ? { code: "required" }
      : codeOf(issue)),
  })) as FieldError[];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

const FORMAT_CODES: Record<string, FieldCode> = {
  email: "invalid_email",
  url: "invalid_url",
  date: "invalid_date",
  datetime: "invalid_datetime",
  time: "invalid_time",
  uuid: "invalid_reference",
  guid: "invalid_reference",
};

const SIZED = (origin: string) =>
  origin === "string" ? "text" : origin === "array" || origin === "set" ? "list" : "value";

type Coded = Pick<FieldError, "code" | "params">;

/** The code (and the values its sentence needs) of one zod issue: see `FIELD_CODES`. */
function codeOf(issue: z.core.$ZodIssue): Coded {
  switch (issue.code) {
    case "too_small": {
      const minimum = Number(issue.minimum);
      const kind = SIZED(issue.origin);
      if (kind === "text")
        return minimum <= 1 ? { code: "required" } : { code: "too_short", params: { minimum } };
      if (kind === "list") return { code: "too_few", params: { minimum: Math.max(minimum, 1) } };
      // An exclusive bound of an integer (`.positive()`) is the next one, inclusive.
      return { code: "too_small", params: { minimum: issue.inclusive === false ? minimum + 1 : minimum } };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      const kind = SIZED(issue.origin);
      if (kind === "text") return { code: "too_long", params: { maximum } };
      if (kind === "list") return { code: "too_many", params: { maximum } };
      return { code: "too_big", params: { maximum: issue.inclusive === false ? maximum - 1 : maximum } };
    }
    case "invalid_format":
      if (issue.format === "regex") return { code: patternCode(issue.pattern) } as Coded;
      return { code: FORMAT_CODES[issue.format] ?? "invalid_format" } as Coded;
    case "not_multiple_of":
      return { code: "not_multiple_of", params: { divisor: Number(issue.divisor) } };
    case "invalid_value":
      return { code: "invalid_choice" };
    case "invalid_type":
      return { code: "invalid_type" };
    case "unrecognized_keys":
      return { code: "unknown_field" };
    case "custom":
      return customCode(issue.params);
    default:
      return { code: "invalid" };
  }
}

/** A refinement's `params: { code, …values }`, when the code is one of `FIELD_CODES` and its values are all there. */
function customCode(params: Record<string, unknown> | undefined): Coded {
  const code = params?.code;
  if (typeof code !== "string" || !Object.hasOwn(FIELD_CODES, code)) return { code: "invalid" };
  const names: readonly string[] = FIELD_CODES[code as FieldCode];
  const values: Record<string, string | number> = {};
  for (const name of names) {
    const value = params?.[name];
    if (typeof value !== "string" && typeof value !== "number") return { code: "invalid" };
    values[name] = value;
  }
  return (names.length > 0 ? { code, params: values } : { code }) as Coded;
}

type HookResult = { target: string; data?: unknown } & (
  | { success: true }
  | { success: false; error: ZodError }
);

/** The `defaultHook` of every service app; pass it to sub-apps' `new OpenAPIHono({ defaultHook })` too. */
export function defaultHook(result: HookResult, c: Context): Response | undefined {
  const target = TARGET_NAMES[result.target] ?? result.target;
  const refused = (errors: FieldError[]) =>
    problemResponse(c, {
      status: 400,
      code: "invalid",
      title: "Invalid request",
      detail: `The request ${target} is not valid`,
      errors,
    });
  if (!result.success) return refused(fieldErrors(result.error, result.target, result.data));
  // Text that passed its schema may still hold what no one typed: a NUL, another control
  // character, half of a surrogate pair. Stored, it breaks CSV, mail and calendar output.
  const path = unprintableAt(result.data, []);
  if (path === null) return undefined;
  return refused([
    {
      path: path.length > 0 ? path.join(".") : target,
      code: "unprintable",
      message: "Contains a control character or a broken character",
    },
  ]);
}

// Control characters but tab, line feed and carriage return; a lone surrogate.
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where in a validated value a string holds an unprintable character (its path), or null. */
function unprintableAt(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return UNPRINTABLE.test(value) ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = unprintableAt(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * The refinement of an object of optional fields that means nothing unless one of `keys` is given
 * (`.refine(givesOneOf("email", "phone"), { message, params: { code: "one_of_required" } })`).
 */
export function givesOneOf<K extends PropertyKey>(...keys: K[]) {
  return (value: { [key in K]?: unknown }) => keys.some((key) => value[key] !== undefined);
}
