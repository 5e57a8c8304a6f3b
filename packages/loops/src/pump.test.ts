import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay } from "./backoff.js";
import { createPump, type PumpOptions } from "./pump.js";

// The pump's sleeps, backoffs and clock run on fake timers: on a loaded machine a real 10 ms wait
// overran a 40 ms backoff and the test saw a pass it did not expect.
const settle = (ms = 30) => vi.advanceTimersByTimeAsync(ms);
/** A pump with an interval no test waits for; errors ignored unless the test listens. */
const testPump = (options: Partial<PumpOptions> & Pick<PumpOptions, "work">) =>
  createPump({ name: "test", intervalMs: 60_000, onError: () => undefined, ...options });

describe("createPump", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("drains a burst, then sleeps until woken", async () => {
    let queued = 3;
    let passes = 0;
    const pump = testPump({
      async work() {
        passes += 1;
        if (queued === 0) return 0;
        queued -= 1;
        return 1;
      },
    });
    pump.start();
    await settle();
    expect([queued, passes]).toEqual([0, 4]);
    queued = 1;
    pump.wake();
    await settle();
    expect([queued, passes]).toEqual([0, 6]);
    await pump.stop();
  });

  it("goes round again when woken during a pass", async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const pump = testPump({
      async work() {
        passes += 1;
        if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
        return 0;
      },
    });
    pump.start();
    await settle(5);
    pump.wake();
    release();
    await settle();
    expect(passes).toBe(2);
    await pump.stop();
  });

  it("wakes when the next row falls due", async () => {
    let passes = 0;
    const pump = testPump({
      nextDue: async () => (passes < 2 ? new Date(Date.now() + 20) : null),
      async work() {
        passes += 1;
        return 0;
      },
    });
    pump.start();
    await settle(120);
    expect(passes).toBe(2);
    await pump.stop();
  });

  it("backs off after failures, and a wake does not cut the backoff short", async () => {
    const delays: number[] = [];
    let passes = 0;
    const pump = testPump({
      backoff: { baseMs: 40, capMs: 1_000 },
      onError: (_error, retryInMs) => delays.push(retryInMs),
      async work() {
        passes += 1;
        throw new Error("away");
      },
    });
    pump.start();
    await settle(10);
    pump.wake();
    await settle(10);
    expect([passes, delays]).toEqual([1, [40]]);
    await settle(60);
    expect([passes, delays]).toEqual([2, [40, 80]]);
    await pump.stop();
  });

  it("stops in the middle of a long sleep", async () => {
    const pump = testPump({
      work: async () => 0,
    });
    pump.start();
    await settle(5);
    const stopping = pump.stop();
    await expect(
      Promise.race([stopping.then(() => "stopped"), settle(500).then(() => "hung")]),
    ).resolves.toBe("stopped");
  });
});

describe("backoffDelay", () => {
  it("doubles from the base and stops at the cap", () => {
    const backoff = { baseMs: 100, capMs: 1_000 };
    expect([1, 2, 3, 4, 5, 9].map((attempt) => backoffDelay(attempt, backoff))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});
