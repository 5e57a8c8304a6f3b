import { Language } from "@relais/contracts";
import {
  BaseEnv,
  DAY_MS,
  DataKeyEnv,
  HOUR_MS,
  PositiveWholeNumber,
  SealKeyEnv,
  serviceDefaults,
} from "@relais/service-kit";
import { StatisticsEnv } from "@relais/statistics";
import { z } from "zod";
import { DEFAULT_SETTINGS } from "./actions/context.js";

export const NotificationsEnv = BaseEnv.extend({
  ...serviceDefaults("notifications", 3003),
  /** Encrypts contact fields at rest. */
  ...DataKeyEnv,
  /** notifications' X25519 private key (32 bytes, base64): opens the contact details events carry sealed. */
  ...SealKeyEnv,
  /** `smtp://user:pass@host:port` (or `smtps://`); unset means `.eml` files under MAIL_DIR. */
  SMTP_URL: z.url({ error: "expected a URL such as smtp://host:587" }).optional(),
  MAIL_DIR: z.string().min(1).default(".data/mail"),
  MAIL_FROM: z.email({ error: "expected an e-mail address" }).default(DEFAULT_SETTINGS.mailFrom),
  /** Parallel SMTP connections in the pool. */
  MAIL_POOL_SIZE: PositiveWholeNumber.default(5),
  SMS_GATEWAY_URL: z.url({ error: "expected a URL" }).optional(),
  SMS_GATEWAY_KEY: z.string().min(1).optional(),
  SMS_TIMEOUT_MS: PositiveWholeNumber.default(10_000),
  /** Minutes before each session, comma-separated: 1440,120 is 24 h and 2 h. */
  REMINDER_OFFSETS_MINUTES: z
    .string()
    .default(DEFAULT_SETTINGS.reminderOffsetsMinutes.join(","))
    .transform((value) => value.split(",").map((part) => Number(part.trim())))
    .pipe(z.array(z.number().int("expected whole minutes").positive("expected minutes > 0")).min(1)),
  /**
   * Longest sleep of the delivery pumps. They wake at the next due time and the dispatcher on
   * every commit, so this only bounds how late work from elsewhere (another process) is seen.
   */
  SCHEDULER_INTERVAL_MS: PositiveWholeNumber.default(1_000),
  /** Rows one claim takes: reminders materialised in one transaction, messages leased at once. */
  SCHEDULER_BATCH: PositiveWholeNumber.default(100),
  /** How long a claimed row is ours before another process may take it over. */
  LEASE_MS: PositiveWholeNumber.default(60_000),
  MAX_ATTEMPTS: PositiveWholeNumber.default(5),
  RETRY_BASE_MS: PositiveWholeNumber.default(30_000),
  /** Language of alerts to staff addresses, which carry no language of their own. */
  STAFF_LANGUAGE: Language.default(DEFAULT_SETTINGS.staffLanguage),
  /**
   * Hours a message for a person whose contact has not arrived yet (the referral event comes on
   * another stream and may lag) is held before it is suppressed `no_contact`.
   */
  CONTACT_WAIT_HOURS: PositiveWholeNumber.default(DEFAULT_SETTINGS.contactWaitMs / HOUR_MS),
  /**
   * Days a caseworker's team may still reach a person's contact after its call-back task closed
   * (follow-up after an outcome); while the task is open it always may.
   */
  CONTACT_ACCESS_DAYS: PositiveWholeNumber.default(DEFAULT_SETTINGS.contactAccessAfterCloseMs / DAY_MS),
  /** Base of the links handed out for calendar feeds. */
  PUBLIC_URL: z.url({ error: "expected a URL" }).default(DEFAULT_SETTINGS.publicUrl),
  ...StatisticsEnv,
}).refine((env) => !env.SMS_GATEWAY_URL || env.SMS_GATEWAY_KEY !== undefined, {
  path: ["SMS_GATEWAY_KEY"],
  message: "required when SMS_GATEWAY_URL is set",
});
export type NotificationsEnv = z.infer<typeof NotificationsEnv>;
