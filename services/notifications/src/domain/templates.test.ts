import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import {
  CATALOGUES,
  formatMessage,
  PERSON_TEMPLATES,
  REFERENCE_LANGUAGE,
  renderMessage,
  STAFF_TEMPLATES,
} from "./templates.js";

// Words that would tell someone reading over a shoulder what this is about, in fr, nl and en.
const REVEALING = [
  "violence",
  "violent",
  "victime",
  "auteur",
  "agresseur",
  "programme",
  "groupe",
  "parole",
  "justice",
  "probation",
  "conjugal",
  "maltraitance",
  "abus",
  "geweld",
  "slachtoffer",
  "dader",
  "programma",
  "groep",
  "justitie",
  "reclassering",
  "mishandeling",
  "misbruik",
  "violence",
  "victim",
  "perpetrator",
  "abuse",
  "abuser",
  "programme",
  "program",
  "group",
  "support",
  "domestic",
  "offender",
  "probation",
  // Emergency housing: the message gives an address, never what kind of place it is.
  "hébergement",
  "refuge",
  "urgence",
  "opvang",
  "noodwoning",
  "shelter",
  "emergency",
  "housing",
];
// What a real enrolment would put in the parameters: the revealing group name must not leak through.
const params = {
  name: "Amina",
  groupName: "Groupe de parole pour victimes de violence conjugale",
  when: "mardi 3 mars 2026, 18:00",
  place: "Rue X 1, Liège",
  position: "2",
  address: "Rue Y 2, Liège",
};
// Everything a staff alert is given.
const staffParams = {
  ...params,
  team: "Liège Est",
  risk: "high",
  due: "mercredi 4 mars 2026, 10:00",
  reference: "tsk_1",
  authority: "Maison de justice",
  caseReference: "MJ-2026-1",
  step: "warning",
  absences: "2",
  reason: "",
  conference: "Concertation Seraing–Neupré",
};

/** The parameter names a message uses, wherever they sit in it (options of a select included). */
function argumentsOf(source: string): string[] {
  const found = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as Array<{
      type: number;
      value?: unknown;
      options?: object;
      children?: unknown[];
    }>) {
      if (element.type !== 0 && element.type !== 7 && typeof element.value === "string")
        found.add(element.value);
      for (const option of Object.values(element.options ?? {}) as Array<{ value: unknown[] }>)
        walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(source, "en").getAst());
  return [...found].sort();
}

describe("templates", () => {
  for (const language of ["fr", "nl", "en"] as const) {
    for (const template of PERSON_TEMPLATES) {
      it(`${template} in ${language}: a discreet recipient's sender, subject, body and SMS reveal nothing`, () => {
        const rendered = renderMessage({ template, language, discreet: true, params });
        for (const text of [rendered.senderName, rendered.subject, rendered.text, rendered.sms]) {
          for (const word of REVEALING) expect(text.toLowerCase()).not.toContain(word);
          expect(text).not.toContain("Amina");
        }
      });
    }
  }

  it("has the reference catalogue's ids in every catalogue, each with the same parameters", () => {
    const reference = CATALOGUES[REFERENCE_LANGUAGE];
    for (const language of ["fr", "nl", "en"] as const) {
      const catalogue = CATALOGUES[language];
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(reference).sort());
      for (const [id, source] of Object.entries(reference))
        expect({ id, args: argumentsOf(catalogue[id] ?? "") }).toEqual({ id, args: argumentsOf(source) });
    }
  });

  it("renders every message of every catalogue with its parameters, and refuses it without any one of them", () => {
    for (const language of ["fr", "nl", "en"] as const) {
      for (const [id, source] of Object.entries(CATALOGUES[language])) {
        const args = argumentsOf(source);
        const values = Object.fromEntries(args.map((name) => [name, `«${name}»`]));
        const text = formatMessage(language, id, values);
        expect(text.length).toBeGreaterThan(0);
        for (const name of args) {
          expect(text).toContain(`«${name}»`);
          const { [name]: _, ...without } = values;
          expect(() => formatMessage(language, id, without), `${language} ${id} without ${name}`).toThrow(
            name,
          );
        }
      }
    }
  });

  it("refuses to render a template whose parameter is missing, rather than leave a hole in the text", () => {
    const { when: _, ...withoutWhen } = params;
    for (const discreet of [true, false])
      expect(() =>
        renderMessage({ template: "session_reminder", language: "fr", discreet, params: withoutWhen }),
      ).toThrow("when");
    const { team: __, ...withoutTeam } = staffParams;
    expect(() =>
      renderMessage({ template: "callback_due", language: "nl", discreet: false, params: withoutTeam }),
    ).toThrow("team");
  });

  it("renders every template in every language, open and discreet, from what its callers give", () => {
    for (const language of ["fr", "nl", "en"] as const) {
      for (const template of [...PERSON_TEMPLATES, ...STAFF_TEMPLATES]) {
        for (const discreet of [true, false]) {
          const rendered = renderMessage({ template, language, discreet, params: staffParams });
          expect(rendered.subject.length).toBeGreaterThan(0);
          expect(rendered.text.length).toBeGreaterThan(0);
          expect(rendered.sms.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("names the group for people who did not ask for discretion", () => {
    const rendered = renderMessage({ template: "session_reminder", language: "en", discreet: false, params });
    expect(rendered.subject).toContain(params.groupName);
    expect(rendered.senderName).toBe("Relais");
  });

  it("shows risk levels and compliance steps in the mail's language, never as codes", () => {
    const staffAlert = (
      template: (typeof STAFF_TEMPLATES)[number],
      language: "fr" | "nl" | "en",
      code: object,
    ) => renderMessage({ template, language, discreet: false, params: { ...staffParams, ...code } });
    const codes = { risk: "high", step: "completion_failed" };
    const expected = {
      fr: ["élevé", "programme non achevé"],
      nl: ["hoog", "programma niet voltooid"],
      en: ["high", "programme not completed"],
    } as const;
    for (const language of ["fr", "nl", "en"] as const) {
      for (const template of STAFF_TEMPLATES) {
        const rendered = renderMessage({
          template,
          language,
          discreet: false,
          params: { ...staffParams, ...codes },
        });
        const all = `${rendered.subject}\n${rendered.text}\n${rendered.sms}`;
        expect(all).not.toContain("completion_failed");
        if (language !== "en") expect(all).not.toMatch(/\bhigh\b/);
      }
      const due = staffAlert("callback_due", language, codes);
      expect(`${due.subject}${due.text}`).toContain(expected[language][0]);
      const breach = staffAlert("compliance_breached", language, codes);
      expect(`${breach.subject}${breach.text}`).toContain(expected[language][1]);
    }
    for (const [step, label] of [
      ["warning", "avertissement"],
      ["suspension", "suspension"],
    ] as const)
      expect(staffAlert("compliance_breached", "fr", { step }).text).toContain(`étape « ${label} »`);
    for (const [risk, label] of [
      ["medium", "gemiddeld"],
      ["low", "laag"],
    ] as const)
      expect(staffAlert("callback_overdue", "nl", { risk }).subject).toContain(`risico ${label}`);
  });
});
