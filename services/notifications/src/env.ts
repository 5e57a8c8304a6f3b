import { BaseEnv, loadConfig } from "@relais/service-kit";
import { z } from "zod";

const Base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "expected 32 bytes, base64-encoded");

export const NotificationsEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3003),
  DATABASE_URL: z.string().default("file:.data/notifications.db"),
  /** Encrypts contact fields at rest (AES-256-GCM). */
  DATA_KEY: Base64Key,
  /** Older keys still accepted for reading, comma-separated, during a rotation. */
  DATA_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(Base64Key)),
});
export type NotificationsEnv = z.infer<typeof NotificationsEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): NotificationsEnv {
  return loadConfig(NotificationsEnv, env);
}
