// Each service SIGKILLed in turn while a flow crosses all three, then restarted: no event lost,
// no effect applied twice, no e-mail sent twice (a message in flight at the instant notifications
// dies may go again with the SAME Message-ID, which mail clients collapse; see
// services/notifications/README.md). Slow: runs in `pnpm --filter @relais/infra test:e2e` only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailFigures, runFlow, settleFlow, setUpFlow } from "./flow.js";
import { type ServiceName, type Stack, startStack } from "./stack.js";

const REFERRALS = 60;

describe("a service killed mid-flow", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      // Quick scheduler ticks, and a short lease so messages a killed notifications left
      // `sending` are taken over in seconds rather than a minute.
      env: { SCHEDULER_INTERVAL_MS: "250", LEASE_MS: "5000", RETRY_BASE_MS: "1000" },
    });
    await setUpFlow(stack, "kill");
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    // Nothing this file started outlives it.
    for (const service of Object.values(stack?.services ?? {}))
      expect(service.process.isRunning()).toBe(false);
    expect(stack?.nats.isRunning()).toBe(false);
  }, 60_000);

  it("loses nothing and sends nothing twice when groups, referrals and notifications are SIGKILLed in turn", async () => {
    const order: ServiceName[] = ["groups", "referrals", "notifications"];
    const kills: { service: ServiceName; atReferral: number; pendingAtKill: number; downMs: number }[] = [];
    let progress = 0;
    let killing: Promise<void> = Promise.resolve();
    const killAt = order.map((_, k) => Math.round(((k + 1) * REFERRALS) / (order.length + 1)));

    const killer = (async () => {
      for (const [k, service] of order.entries()) {
        while (progress < (killAt[k] ?? REFERRALS)) await new Promise((r) => setTimeout(r, 20));
        const target = stack.services[service].process;
        const atReferral = progress;
        const pendingAtKill = stack.smtp.messages.length;
        const started = Date.now();
        await target.kill("SIGKILL");
        await target.restart();
        kills.push({ service, atReferral, pendingAtKill, downMs: Date.now() - started });
      }
    })();
    killing = killer;

    const flow = await runFlow(stack, {
      prefix: "kill",
      referrals: REFERRALS,
      concurrency: 4,
      onProgress: (done) => {
        progress = done;
      },
    });
    await killing;
    expect(kills.map((k) => k.service)).toEqual(order);
    // Every kill happened while referrals were still being worked.
    for (const kill of kills) expect(kill.atReferral).toBeLessThan(REFERRALS);

    console.info("[service-kill] flow", JSON.stringify({ ...flow, referralIds: undefined, kills }));
    const settled = await settleFlow(stack, { referrals: REFERRALS });
    const mail = mailFigures(stack);
    // An invite per person, and a due alert per task announced before it was closed.
    expect(mail.distinctMessageIds).toBe(REFERRALS * 2 + settled.announced);
    expect(mail.maxPerMessageId).toBeLessThanOrEqual(2);
    expect(mail.logicalDuplicates).toEqual([]);
    for (const service of Object.values(stack.services)) expect(service.process.isRunning()).toBe(true);

    console.info(
      "[service-kill]",
      JSON.stringify({
        referrals: REFERRALS,
        tasks: flow.tasks,
        requests: flow.requests,
        retriedRequests: flow.retries,
        flowMs: flow.ms,
        kills,
        settleMs: settled.ms,
        eventsApplied: settled.eventsApplied,
        dueAlertsAnnounced: settled.announced,
        mail,
      }),
    );
  }, 280_000);
});
