// What a police officer (or the zone's records system) files after an intervention.
import { z } from "@hono/zod-openapi";
import {
  ContactDetails,
  ContactPreferences,
  DEFAULT_TIME_ZONE,
  Instant,
  Language,
  PersonRole,
  RiskLevel,
  TimeZone,
} from "@relais/contracts";
import { IntakeAssessmentInput } from "./assessment-input.js";

export const IncidentKind = z.enum(["partner", "ex_partner", "intra_family", "child_to_parent", "other"]);

export const ReferralPersonInput = z
  .object({
    role: PersonRole,
    displayName: z.string().trim().min(1).max(120).optional(),
    consent: z.boolean(),
    language: Language,
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    contact: ContactDetails.default({}),
    preferences: ContactPreferences.default({
      channels: ["phone"],
      safeWindows: [],
      voicemailAllowed: false,
      discreet: true,
      doNotContact: false,
    }),
  })
  .strict();
export type ReferralPersonInput = z.infer<typeof ReferralPersonInput>;

export const ReferralInput = z
  .object({
    policeZone: z.string().trim().min(1).max(80),
    incidentReference: z.string().trim().min(1).max(80),
    incidentAt: Instant,
    kind: IncidentKind,
    riskLevel: RiskLevel,
    riskScore: z.number().int().min(0).max(100).optional(),
    childrenPresent: z.boolean(),
    municipality: z.string().trim().min(1).max(80),
    persons: z.array(ReferralPersonInput).min(1).max(10),
    /** Optional answers to the criticality grid; never shown back to the police. */
    assessment: IntakeAssessmentInput.optional(),
  })
  .strict()
  .openapi("ReferralInput");
export type ReferralInput = z.infer<typeof ReferralInput>;
