import { DAY_MS, HOUR_MS, recipientOpener, startService } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import type { Settings } from "./actions/context.js";
import { fileMailer, smtpMailer } from "./adapters/mailer.js";
import { httpSmsGateway } from "./adapters/sms-gateway.js";
import { createApp } from "./app.js";
import { NotificationsEnv } from "./env.js";
import { consumers } from "./events/consumers.js";
import { createDeliveryLoop } from "./jobs/delivery-loop.js";
import { createDispatcher } from "./jobs/dispatcher.js";
import { createReminderScheduler } from "./jobs/reminder-scheduler.js";
import { service } from "./service.js";

startService({
  ...service,
  config: NotificationsEnv,
  parts: (env, box) => {
    const open = recipientOpener(env);
    const settings: Settings = {
      mailFrom: env.MAIL_FROM,
      reminderOffsetsMinutes: env.REMINDER_OFFSETS_MINUTES,
      staffLanguage: env.STAFF_LANGUAGE,
      publicUrl: env.PUBLIC_URL,
      contactWaitMs: env.CONTACT_WAIT_HOURS * HOUR_MS,
      contactAccessAfterCloseMs: env.CONTACT_ACCESS_DAYS * DAY_MS,
    };
    const mailer = env.SMTP_URL
      ? smtpMailer({ url: env.SMTP_URL, poolSize: env.MAIL_POOL_SIZE })
      : fileMailer({ dir: env.MAIL_DIR });
    const sms =
      env.SMS_GATEWAY_URL && env.SMS_GATEWAY_KEY
        ? httpSmsGateway({
            url: env.SMS_GATEWAY_URL,
            key: env.SMS_GATEWAY_KEY,
            timeoutMs: env.SMS_TIMEOUT_MS,
          })
        : null;
    return {
      consumers: (context) => consumers({ box, open, clock: context.clock, settings }),
      background: (context) => {
        const deps = {
          box,
          clock: context.clock,
          settings,
          database: context.database,
          leaseMs: env.LEASE_MS,
          batch: env.SCHEDULER_BATCH,
        };
        const loop = createDeliveryLoop({
          reminders: createReminderScheduler(deps),
          dispatcher: createDispatcher({
            ...deps,
            logger: context.logger,
            mailer,
            sms,
            maxAttempts: env.MAX_ATTEMPTS,
            retryBaseMs: env.RETRY_BASE_MS,
            concurrency: env.MAIL_POOL_SIZE,
          }),
          database: context.database,
          clock: context.clock,
          intervalMs: env.SCHEDULER_INTERVAL_MS,
          logger: context.logger,
        });
        return [
          {
            name: loop.name,
            start: () => loop.start(),
            stop: async () => {
              await loop.stop();
              mailer.close();
            },
          },
        ];
      },
      createApp: (context) =>
        createApp({ ...context, box, settings, statistics: statisticsSettingsFromEnv(env) }),
    };
  },
});
