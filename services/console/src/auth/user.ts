// Who is signed in: what the service tokens minted for this person will say.
import { Language, Role } from "@relais/contracts";
import { z } from "zod";

export const ConsoleUser = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(120),
  org: z.string().trim().min(1).max(80),
  roles: z.array(Role).min(1).max(6),
  teams: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  zone: z.string().trim().min(1).max(80).optional(),
  language: Language.optional(),
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;
