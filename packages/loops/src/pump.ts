// The one wakeable loop for background work (outbox relay, lease loops, reminder and delivery
// pumps): a pass works while there is work, then the pump sleeps until the interval ends, the next
// row falls due or someone wakes it. A failed pass backs off, and wakes do not cut a backoff short
// (whatever failed, a database or NATS away, would only fail again at once).
import { type Backoff, backoffDelay } from "./backoff.js";

export interface PumpOptions {
  name: string;
  /** One pass; returns how much it handled. */
  work(): Promise<number>;
  /** The longest idle sleep. */
  intervalMs: number;
  /** When the next piece of work falls due: the idle sleep ends then (never later than the interval). */
  nextDue?(): Promise<Date | null>;
  /** The clock `nextDue` is read against (default `Date.now`). */
  now?(): number;
  /** Go round again at once after a pass that handled something (default true): a burst drains. */
  drain?: boolean;
  /** After a pass that handled something (e.g. wake the pump that sends what this one made). */
  afterWork?(handled: number): void;
  /** After a pass that found nothing to do, before sleeping (e.g. prune old rows). */
  onIdle?(): Promise<void>;
  /** Delays after consecutive failed passes (default 100 ms doubling to 5 s). */
  backoff?: Backoff;
  /** Told of every failed pass, with the delay before the next one. */
  onError(error: unknown, retryInMs: number): void;
}

export interface Pump {
  readonly name: string;
  start(): void;
  /** Go round now rather than at the end of the sleep; a wake during a pass makes it go round again. */
  wake(): void;
  /** One pass now, outside the loop (tests drive this with a manual clock). */
  tick(): Promise<number>;
  /** Ends the loop after the pass in progress. */
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 100, capMs: 5_000 };

export function createPump(options: PumpOptions): Pump {
  const now = options.now ?? Date.now;
  const drain = options.drain ?? true;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let running = false;
  let loop: Promise<void> | undefined;
  // Set by a wake that comes while the pump is not asleep, so its next sleep ends at once.
  let woken = false;
  // The pause in progress: `stop` always ends it, `wake` only when it is an idle sleep.
  let pausing: { end(): void; wakeable: boolean } | undefined;

  function pause(ms: number, wakeable: boolean): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(end, ms);
      timer.unref();
      function end() {
        clearTimeout(timer);
        pausing = undefined;
        resolve();
      }
      pausing = { end, wakeable };
    });
  }

  async function idleDelay(): Promise<number> {
    if (!options.nextDue) return options.intervalMs;
    try {
      const next = await options.nextDue();
      if (!next) return options.intervalMs;
      return Math.min(options.intervalMs, Math.max(0, next.getTime() - now()));
    } catch (error) {
      options.onError(error, options.intervalMs);
      return options.intervalMs;
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      woken = false;
      try {
        const handled = await options.work();
        failures = 0;
        if (handled > 0) {
          options.afterWork?.(handled);
          if (drain) {
            // Statements resolve as microtasks: without this, a pump with work to spare would hold
            // the event loop (and every other pump's I/O) until its work ran out.
            await new Promise((resolve) => setImmediate(resolve));
            continue;
          }
        } else {
          await options.onIdle?.();
        }
      } catch (error) {
        if (!running) break;
        failures += 1;
        const delay = backoffDelay(failures, backoff);
        options.onError(error, delay);
        await pause(delay, false);
        continue;
      }
      const delay = await idleDelay();
      if (woken || !running) continue;
      await pause(delay, true);
    }
  }

  return {
    name: options.name,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      if (pausing?.wakeable) pausing.end();
      else woken = true;
    },
    tick: () => options.work(),
    async stop() {
      running = false;
      pausing?.end();
      await loop;
    },
  };
}
