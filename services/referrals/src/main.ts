import { type BackgroundTask, createRecipientSealer, startService } from "@relais/service-kit";
import { statisticsSettingsFromEnv } from "@relais/statistics";
import { createApp } from "./app.js";
import { loadExampleGrid } from "./db/criticality-grids.js";
import { loadDirectorySeed } from "./db/load-directory-seed.js";
import { loadRoutingSeed } from "./db/load-routing-seed.js";
import { policyFromEnv, ReferralsEnv } from "./env.js";
import { createCallbackScheduler } from "./jobs/callback-scheduler.js";
import { createRetentionLoop } from "./jobs/retention.js";
import { createTaskRefreshLoop } from "./jobs/task-refresh.js";
import { createWebhookSender } from "./jobs/webhook-sender.js";
import { service } from "./service.js";

startService({
  ...service,
  config: ReferralsEnv,
  parts: (env, box) => {
    const policy = policyFromEnv(env);
    const seal = {
      notifications: createRecipientSealer(env.NOTIFICATIONS_SEAL_PUBLIC_KEY),
      groups: createRecipientSealer(env.GROUPS_SEAL_PUBLIC_KEY),
    };
    return {
      background: (context) => {
        // The seeds run once at start; each leaves an organisation that already has routes (a grid,
        // directory entries) alone.
        const seed: BackgroundTask = {
          name: "routing seed",
          start() {
            const orgs = env.ROUTING_SEED_ORGS.split(",")
              .map((o) => o.trim())
              .filter(Boolean);
            void (async () => {
              for (const org of orgs) {
                const loaded = await loadRoutingSeed(context.database, org, context.clock.now());
                if (loaded > 0) context.logger.info({ org, routes: loaded }, "routing seed loaded");
                const examples = await loadDirectorySeed(context.database, org, context.clock.now());
                if (examples > 0)
                  context.logger.info({ org, partners: examples }, "directory examples loaded");
                // The EXAMPLE criticality grid, as version 1 of an organisation that has none.
                if (await loadExampleGrid(context.database, org, context.clock.now())) {
                  context.logger.info({ org }, "example criticality grid loaded");
                }
              }
            })().catch((error) => context.logger.error({ err: error }, "routing seed failed"));
          },
          async stop() {},
        };
        const deps = { database: context.database, clock: context.clock, logger: context.logger };
        return [
          seed,
          createCallbackScheduler({ ...deps, intervalMs: env.SCHEDULER_INTERVAL_MS }),
          createWebhookSender({
            ...deps,
            box,
            timeoutMs: env.WEBHOOK_TIMEOUT_MS,
            targets: policy.webhookTargets,
          }),
          createRetentionLoop({ ...deps, retentionDays: policy.retentionDays }),
          createTaskRefreshLoop(deps),
        ];
      },
      createApp: (context) =>
        createApp({
          ...context,
          box,
          policy,
          seal,
          statistics: statisticsSettingsFromEnv(env),
          intakeLimit: { limit: env.INTAKE_RATE_LIMIT, windowMs: env.INTAKE_RATE_WINDOW_SECONDS * 1_000 },
        }),
    };
  },
});
