import { FIELD_CODES, namedPattern, refusal } from "@relais/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "./validation.js";

const PHONE = namedPattern(/^\+32\d{8,9}$/, "invalid_phone");

const Schema = z
  .object({
    name: z.string().min(1),
    code: z.string().min(3).max(5),
    size: z.number().int().min(2).max(9),
    count: z.number().int().positive(),
    step: z.number().multipleOf(5),
    email: z.email(),
    site: z.url(),
    day: z.iso.date(),
    at: z.iso.datetime({ offset: true }),
    id: z.uuid(),
    phone: z.string().regex(PHONE),
    other: z.string().regex(/^x+$/),
    kind: z.enum(["a", "b"]),
    tags: z.array(z.string()).min(1).max(2),
    from: z.string(),
    to: z.string(),
  })
  .strict()
  .refine((v) => v.from !== v.to, refusal("window_empty", "to must differ from from", ["to"]))
  .refine((v) => v.size !== 4, {
    path: ["size"],
    message: "not four",
    params: { code: "too_many_months", maximum: 3 },
  })
  .refine((v) => v.size !== 5, { path: ["size"], message: "not five", params: { code: "too_many_months" } })
  .refine((v) => v.size !== 6, { path: ["size"], message: "not six", params: { code: "no_such_code" } });

const codes = (input: unknown) => {
  const result = Schema.safeParse(input);
  if (result.success) throw new Error("expected a failure");
  return fieldErrors(result.error, "json", input).map(({ path, code, params }) => ({ path, code, params }));
};

const valid = {
  name: "n",
  code: "abc",
  size: 3,
  count: 1,
  step: 10,
  email: "a@b.be",
  site: "https://example.be",
  day: "2026-03-29",
  at: "2026-03-29T02:30:00+02:00",
  id: "0b9f3c1e-4a7d-4f5e-9c2b-1d2e3f4a5b6c",
  phone: "+32470123456",
  other: "xx",
  kind: "a",
  tags: ["t"],
  from: "09:00",
  to: "10:00",
};

describe("the code of each field error, for clients to say in their language", () => {
  it("names zod's failures by what the person has to mend, with the bound they broke", () => {
    expect(
      codes({
        name: "",
        code: "abcdef",
        size: 1,
        count: 0,
        step: 7,
        email: "nope",
        site: "nope",
        day: "2026-02-30",
        at: "soon",
        id: "123",
        phone: "0470",
        other: "y",
        kind: "c",
        tags: [],
        from: 9,
        extra: true,
      }),
    ).toEqual([
      { path: "name", code: "required" },
      { path: "code", code: "too_long", params: { maximum: 5 } },
      { path: "size", code: "too_small", params: { minimum: 2 } },
      { path: "count", code: "too_small", params: { minimum: 1 } },
      { path: "step", code: "not_multiple_of", params: { divisor: 5 } },
      { path: "email", code: "invalid_email" },
      { path: "site", code: "invalid_url" },
      { path: "day", code: "invalid_date" },
      { path: "at", code: "invalid_datetime" },
      { path: "id", code: "invalid_reference" },
      { path: "phone", code: "invalid_phone" },
      { path: "other", code: "invalid_format" },
      { path: "kind", code: "invalid_choice" },
      { path: "tags", code: "too_few", params: { minimum: 1 } },
      { path: "from", code: "invalid_type" },
      { path: "to", code: "required" },
      { path: "body", code: "unknown_field" },
    ]);
    expect(codes({ ...valid, code: "ab", size: 10, tags: ["a", "b", "c"] })).toEqual([
      { path: "code", code: "too_short", params: { minimum: 3 } },
      { path: "size", code: "too_big", params: { maximum: 9 } },
      { path: "tags", code: "too_many", params: { maximum: 2 } },
    ]);
  });

  it("takes a refinement's code, with its values, and falls back to `invalid` for one it does not know", () => {
    expect(codes({ ...valid, to: "09:00", from: "09:00" })).toEqual([{ path: "to", code: "window_empty" }]);
    expect(codes({ ...valid, size: 4 })).toEqual([
      { path: "size", code: "too_many_months", params: { maximum: 3 } },
    ]);
    // A code whose sentence needs a value it was not given, or a code nobody defined: `invalid`.
    expect(codes({ ...valid, size: 5 })).toEqual([{ path: "size", code: "invalid" }]);
    expect(codes({ ...valid, size: 6 })).toEqual([{ path: "size", code: "invalid" }]);
  });

  it("gives every code it writes a place in the table clients translate from", () => {
    const written = new Set(
      codes({ name: "", code: "abcdef", size: 1, kind: "c", extra: 1 }).map((error) => error.code),
    );
    for (const code of written) expect(Object.hasOwn(FIELD_CODES, code)).toBe(true);
  });
});
