// What staff send to set up or change a group.
import { z } from "@hono/zod-openapi";
import { DEFAULT_TIME_ZONE, GroupKind, Language, Location, refusal, TimeZone } from "@relais/contracts";
import { CompliancePolicy } from "./compliance.js";

export const Facilitator = z
  .object({
    sub: z.string().min(1).max(200),
    displayName: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
  })
  .openapi("Facilitator");
export type Facilitator = z.infer<typeof Facilitator>;

export const ScheduleInput = z
  .object({
    timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
    dtstart: z
      .string()
      .max(25)
      .openapi({ description: "Local start of the first session", example: "2026-02-03T18:00" }),
    rrule: z.string().min(1).max(500).openapi({
      description: "RFC 5545 RRULE with COUNT or UNTIL",
      example: "FREQ=WEEKLY;BYDAY=TU;COUNT=24",
    }),
    durationMinutes: z.number().int().min(15).max(600),
  })
  .openapi("ScheduleInput");
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const Admission = z.enum(["closed", "rolling"]);

const GroupFields = {
  publicName: z.string().trim().min(1).max(120).openapi({ description: "Neutral name, safe to show anyone" }),
  language: Language,
  municipality: z.string().trim().min(1).max(100),
  location: Location,
  capacity: z.number().int().min(1).max(100),
  admission: Admission,
  facilitators: z
    .array(Facilitator)
    .min(1)
    .max(6)
    .refine(
      (list) => new Set(list.map((f) => f.sub)).size === list.length,
      refusal("duplicate", "Each facilitator once"),
    ),
  compliancePolicy: CompliancePolicy.optional().openapi({ description: "Perpetrator groups only" }),
};

export const GroupInput = z
  .object({ kind: GroupKind, ...GroupFields, schedule: ScheduleInput })
  .refine(
    (group) => !group.compliancePolicy || group.kind === "perpetrator",
    refusal("perpetrator_only", "Only perpetrator groups have one", ["compliancePolicy"]),
  )
  .openapi("GroupInput");
export type GroupInput = z.infer<typeof GroupInput>;

export const GroupPatch = z
  .object(GroupFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, refusal("change_something", "Change at least one field"))
  .openapi("GroupPatch");
export type GroupPatch = z.infer<typeof GroupPatch>;
