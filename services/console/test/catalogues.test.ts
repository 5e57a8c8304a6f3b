// The console's message catalogues (web/src/i18n/messages), as translators edit them: the three
// languages say the same things with the same placeholders, every message is valid ICU, and every
// field code a service can write (FIELD_CODES) has its sentence, with the values the code carries,
// as has every action and record type on the audit trail and every domain rule a refusal names.
import {
  AUDIT_ACTIONS,
  AUDIT_RECORD_TYPES,
  FIELD_CODES,
  type FieldCode,
  RULE_CODES,
} from "@relais/contracts";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en, fr, nl } from "../web/src/i18n/catalogues.js";

const CATALOGUES = { fr, nl, en } as const;
const LOCALES = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" } as const;

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** The names a message's placeholders, plurals and selects take (`{date}`, `{count, plural, …}`). */
function argumentsOf(elements: Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (intl-messageformat's TYPE).
    if (element.type >= 1 && element.type <= 6 && element.value) into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, into);
  }
  return into;
}

const argumentsIn = (language: keyof typeof LOCALES, id: string) =>
  [
    ...argumentsOf(
      new IntlMessageFormat(
        CATALOGUES[language][id as keyof typeof en],
        LOCALES[language],
      ).getAst() as Element[],
    ),
  ].sort();

describe("the console's catalogues", () => {
  it("have the same messages in French, Dutch and English", () => {
    const ids = Object.keys(en).sort();
    expect(Object.keys(fr).sort()).toEqual(ids);
    expect(Object.keys(nl).sort()).toEqual(ids);
    for (const catalogue of Object.values(CATALOGUES))
      for (const id of ids) expect(catalogue[id as keyof typeof en].trim(), id).not.toBe("");
  });

  it("are valid ICU, with the same placeholders in every language", () => {
    for (const id of Object.keys(en)) {
      const english = argumentsIn("en", id);
      expect(argumentsIn("fr", id), `fr ${id}`).toEqual(english);
      expect(argumentsIn("nl", id), `nl ${id}`).toEqual(english);
    }
  });

  it("say every field code the services write, with exactly the values it carries", () => {
    for (const code of Object.keys(FIELD_CODES) as FieldCode[]) {
      const id = `field.${code}`;
      expect(Object.hasOwn(en, id), id).toBe(true);
      expect(argumentsIn("en", id), id).toEqual([...FIELD_CODES[code]].sort());
    }
    const unused = Object.keys(en).filter(
      (id) => id.startsWith("field.") && !Object.hasOwn(FIELD_CODES, id.slice(6)),
    );
    expect(unused).toEqual([]);
  });

  it.each([
    ["audit.action.", AUDIT_ACTIONS],
    ["audit.record.", AUDIT_RECORD_TYPES],
    ["problem.", RULE_CODES],
  ] as const)("say every %s code the services write, and only those", (prefix, codes) => {
    for (const code of codes) {
      expect(Object.hasOwn(en, `${prefix}${code}`), code).toBe(true);
      expect(argumentsIn("en", `${prefix}${code}`), code).toEqual([]);
    }
    const unused = Object.keys(en).filter(
      (id) => id.startsWith(prefix) && !(codes as readonly string[]).includes(id.slice(prefix.length)),
    );
    expect(unused).toEqual([]);
  });

  it("write a field's values out in the reader's language", () => {
    const say = (language: keyof typeof LOCALES, id: string, values: Record<string, string | number>) =>
      new IntlMessageFormat(CATALOGUES[language][id as keyof typeof en], LOCALES[language]).format(values);
    expect(say("fr", "field.max_nights", { maximum: 1 })).toContain("1 nuit ;");
    expect(say("nl", "field.max_nights", { maximum: 14 })).toContain("14 nachten");
    expect(say("en", "field.too_short", { minimum: 3 })).toBe("At least 3 characters.");
  });
});
