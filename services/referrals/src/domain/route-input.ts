import { z } from "@hono/zod-openapi";
import { namedPattern } from "@relais/contracts";

export const TeamId = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(
    namedPattern(/^[a-z0-9][a-z0-9._-]*$/, "invalid_identifier"),
    "Expected a team id like vif-ment-fini-victims",
  );

const TeamRef = z
  .object({
    team: TeamId,
    /** Where due and overdue alerts for this team are sent. */
    teamEmail: z.email().max(254).optional(),
  })
  .strict();

export const RouteInput = z
  .object({ victim: TeamRef, author: TeamRef, project: z.string().trim().min(1).max(200).optional() })
  .strict()
  .openapi("RouteInput");
export type RouteInput = z.infer<typeof RouteInput>;

export const MunicipalityParam = z.object({ municipality: z.string().trim().min(1).max(80) });

export const WebhookInput = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2_000),
    /** A `whsec_…` secret; one is generated when omitted and returned once. */
    secret: z.string().max(200).optional(),
  })
  .strict()
  .openapi("WebhookInput");
export type WebhookInput = z.infer<typeof WebhookInput>;

export const ZoneParam = z.object({ zone: z.string().trim().min(1).max(80) });

export const LookupInput = z
  .object({ incidentReference: z.string().trim().min(1).max(100) })
  .strict()
  .openapi("LookupInput");
