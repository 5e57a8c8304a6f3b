// The intake form's state and how it becomes the API's ReferralInput.
import type { ReferralInput } from "../../api/referrals";
import { nowInZone, zonedToIso } from "../../time/zoned";

export const POLICE_TIME_ZONE = "Europe/Brussels";
export const KINDS = ["partner", "ex_partner", "intra_family", "child_to_parent", "other"] as const;
export const RISKS = ["high", "medium", "low"] as const;
export const CHANNELS = ["phone", "sms", "email"] as const;
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface WindowDraft {
  key: number;
  days: string[];
  from: string;
  to: string;
}

export interface PersonDraft {
  key: number;
  role: "victim" | "author";
  displayName: string;
  consent: boolean;
  language: "fr" | "nl" | "en";
  phone: string;
  email: string;
  channels: string[];
  windows: WindowDraft[];
  voicemailAllowed: boolean;
  discreet: boolean;
  doNotContact: boolean;
}

export interface ReferralDraft {
  policeZone: string;
  incidentReference: string;
  incidentAt: string;
  kind: string;
  riskLevel: string;
  riskScore: string;
  childrenPresent: boolean;
  municipality: string;
  persons: PersonDraft[];
  /** The criticality grid's answers, sent only when the officer chose to answer it. */
  grid: { open: boolean; version: number | null; answers: Record<string, string> };
}

let keys = 0;
export const nextKey = () => ++keys;

export function newPerson(role: PersonDraft["role"]): PersonDraft {
  return {
    key: nextKey(),
    role,
    displayName: "",
    consent: false,
    language: "fr",
    phone: "",
    email: "",
    channels: ["phone"],
    windows: [],
    voicemailAllowed: false,
    discreet: true,
    doNotContact: false,
  };
}

export function newWindow(): WindowDraft {
  return { key: nextKey(), days: ["1", "2", "3", "4", "5"], from: "09:00", to: "17:00" };
}

export function emptyReferral(zone: string | null): ReferralDraft {
  return {
    policeZone: zone ?? "",
    incidentReference: "",
    incidentAt: nowInZone(POLICE_TIME_ZONE),
    kind: "partner",
    riskLevel: "medium",
    riskScore: "",
    childrenPresent: false,
    municipality: "",
    persons: [newPerson("victim"), newPerson("author")],
    grid: { open: false, version: null, answers: {} },
  };
}

/** Sends what was typed; the service validates and names the fields it refuses. */
export function toReferralInput(draft: ReferralDraft): ReferralInput {
  const score = draft.riskScore.trim();
  return {
    policeZone: draft.policeZone,
    incidentReference: draft.incidentReference,
    incidentAt: zonedToIso(draft.incidentAt, POLICE_TIME_ZONE) ?? draft.incidentAt,
    kind: draft.kind as ReferralInput["kind"],
    riskLevel: draft.riskLevel as ReferralInput["riskLevel"],
    ...(score ? { riskScore: Number(score) } : {}),
    childrenPresent: draft.childrenPresent,
    municipality: draft.municipality,
    ...(draft.grid.open && Object.keys(draft.grid.answers).length > 0
      ? {
          assessment: {
            ...(draft.grid.version ? { gridVersion: draft.grid.version } : {}),
            answers: draft.grid.answers,
          },
        }
      : {}),
    persons: draft.persons.map((p) => ({
      role: p.role,
      ...(p.displayName.trim() ? { displayName: p.displayName } : {}),
      consent: p.consent,
      language: p.language,
      timeZone: POLICE_TIME_ZONE,
      contact: {
        ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
        ...(p.email.trim() ? { email: p.email.trim() } : {}),
      },
      preferences: {
        channels: p.channels as Array<"phone" | "sms" | "email">,
        safeWindows: p.windows.map((w) => ({ days: w.days.map(Number), from: w.from, to: w.to })),
        voicemailAllowed: p.voicemailAllowed,
        discreet: p.discreet,
        doNotContact: p.doNotContact,
      },
    })),
  };
}
