// Builds the notifications service on real parts: a libSQL file with the service's migrations, the
// kit's token verifier with the test secret, a real nats-server that the test file starts, and a
// real SMTP sink. The delivery loop is driven by the test (`deliver()`), so no test waits on a timer;
// the one test of the running loop gives it an hour-long interval, so only a wake can send.
import { type Clock, createRecipientOpener, type Logger } from "@relais/service-kit";
import { startServiceParts, testLogger } from "@relais/service-testing";
import {
  ManualClock,
  type NatsProcess,
  type SmtpSink,
  startedYet,
  startNats,
  startSmtpSink,
} from "@relais/testing";
import { afterAll, beforeAll } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../src/actions/context.js";
import { smtpMailer } from "../src/adapters/mailer.js";
import type { SmsSender } from "../src/adapters/sms-gateway.js";
import { createApp } from "../src/app.js";
import { consumers } from "../src/events/consumers.js";
import { createDeliveryLoop } from "../src/jobs/delivery-loop.js";
import { createDispatcher } from "../src/jobs/dispatcher.js";
import { createReminderScheduler } from "../src/jobs/reminder-scheduler.js";
import { service } from "../src/service.js";
import { NOTIFICATIONS_SEAL } from "./seal-keys.js";

export const logger = testLogger;

export interface HarnessOptions {
  clock?: Clock;
  smtp?: SmtpSink;
  sms?: SmsSender | null;
  settings?: Partial<Settings>;
  logger?: Logger;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** The running loop's fallback tick; only tests that call `loop.start()` see it. */
  loopIntervalMs?: number;
  /** The dispatcher's lease, batch and workers (defaults 60 s, 100, 2). */
  leaseMs?: number;
  batch?: number;
  concurrency?: number;
}

export async function startNotifications(nats: NatsProcess, options: HarnessOptions = {}) {
  const open = createRecipientOpener(NOTIFICATIONS_SEAL.privateKey);
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const parts = await startServiceParts({
    nats,
    ...service,
    clock: options.clock,
    logger: options.logger,
    busTimeoutMs: 5_000,
    consumers: ({ box, clock }) => consumers({ box, open, clock, settings }),
  });
  const { box, clock, database, runner, logger: log } = parts;
  const concurrency = options.concurrency ?? 2;
  const mailer = smtpMailer({ url: options.smtp?.url ?? "smtp://127.0.0.1:1", poolSize: concurrency });
  const deps = {
    box,
    clock,
    settings,
    database,
    leaseMs: options.leaseMs ?? 60_000,
    batch: options.batch ?? 100,
  };
  const loop = createDeliveryLoop({
    reminders: createReminderScheduler(deps),
    dispatcher: createDispatcher({
      ...deps,
      logger: log,
      mailer,
      sms: options.sms ?? null,
      maxAttempts: options.maxAttempts ?? 3,
      retryBaseMs: options.retryBaseMs ?? 60_000,
      concurrency,
    }),
    database,
    clock,
    intervalMs: options.loopIntervalMs ?? 1_000,
    logger: log,
  });
  const app = createApp({ ...parts.deps, box, settings });

  runner.start();
  return {
    ...parts,
    app,
    /** One pass of the delivery loop: due reminders become messages, due messages go out. */
    deliver: () => loop.runOnce(),
    /** The loop as the service runs it; most tests drive it with `deliver()` instead. */
    loop,
    async stop() {
      await loop.stop();
      mailer.close();
      await parts.stop();
    },
  };
}

export type Notifications = Awaited<ReturnType<typeof startNotifications>>;

/**
 * The nats-server and SMTP sink a test file's tests share: started before them, stopped after.
 * Call it inside the file's `describe`; read `nats` and `smtp` in the tests.
 */
export interface SharedServers {
  readonly nats: NatsProcess;
  readonly smtp: SmtpSink;
  /**
   * Empties the sink, then runs `test` on a notifications of its own whose clock starts at `at`
   * (on these servers, with `options`), and stops it after, whatever the test did.
   */
  withService(
    at: string,
    test: (service: Notifications, clock: ManualClock) => Promise<void>,
    options?: HarnessOptions,
  ): Promise<void>;
}

export function sharedServers(): SharedServers {
  let nats: NatsProcess | undefined;
  let smtp: SmtpSink | undefined;
  beforeAll(async () => {
    [nats, smtp] = await Promise.all([startNats(), startSmtpSink()]);
  });
  afterAll(async () => {
    await smtp?.close();
    await nats?.stop();
  });
  return {
    get nats() {
      return startedYet(nats, "nats-server");
    },
    get smtp() {
      return startedYet(smtp, "SMTP sink");
    },
    async withService(at, test, options = {}) {
      this.smtp.clear();
      const clock = new ManualClock(at);
      const service = await startNotifications(this.nats, { clock, smtp: this.smtp, ...options });
      try {
        await test(service, clock);
      } finally {
        await service.stop();
      }
    },
  };
}
