import { describe, expect, it } from "vitest";
import { PERSON_TEMPLATES, renderMessage, STAFF_TEMPLATES, TEMPLATE_NAMES } from "./templates.js";

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
];
// What a real enrolment would put in the parameters: the revealing group name must not leak through.
const params = {
  name: "Amina",
  groupName: "Groupe de parole pour victimes de violence conjugale",
  when: "mardi 3 mars 2026, 18:00",
  place: "Rue X 1, Liège",
  position: "2",
};

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

  it("renders every template in every language with no placeholder left", () => {
    for (const language of ["fr", "nl", "en"] as const) {
      for (const template of TEMPLATE_NAMES) {
        for (const discreet of [true, false]) {
          const rendered = renderMessage({ template, language, discreet, params });
          expect(rendered.subject.length).toBeGreaterThan(0);
          expect(rendered.text.length).toBeGreaterThan(0);
          expect(`${rendered.subject}${rendered.text}${rendered.sms}`).not.toMatch(/undefined|\$\{/);
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
          params: { ...params, ...codes },
        });
        const all = `${rendered.subject}\n${rendered.text}\n${rendered.sms}`;
        expect(all).not.toContain("completion_failed");
        if (language !== "en") expect(all).not.toMatch(/\bhigh\b/);
      }
      const due = renderMessage({ template: "callback_due", language, discreet: false, params: codes });
      expect(`${due.subject}${due.text}`).toContain(expected[language][0]);
      const breach = renderMessage({
        template: "compliance_breached",
        language,
        discreet: false,
        params: codes,
      });
      expect(`${breach.subject}${breach.text}`).toContain(expected[language][1]);
    }
    for (const [step, label] of [
      ["warning", "avertissement"],
      ["suspension", "suspension"],
    ] as const) {
      const rendered = renderMessage({
        template: "compliance_breached",
        language: "fr",
        discreet: false,
        params: { step },
      });
      expect(rendered.text).toContain(`étape « ${label} »`);
    }
    for (const [risk, label] of [
      ["medium", "gemiddeld"],
      ["low", "laag"],
    ] as const) {
      const rendered = renderMessage({
        template: "callback_overdue",
        language: "nl",
        discreet: false,
        params: { risk },
      });
      expect(rendered.subject).toContain(`risico ${label}`);
    }
  });
});
