// autocannon with the settings every HTTP bench shares, reduced to the numbers we keep.
import autocannon from "autocannon";
import { percentile } from "./figures.js";

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Headers set per request, e.g. a fresh Idempotency-Key. */
  perRequestHeaders?: () => Record<string, string>;
  /** Requests per second across all connections; unset: as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  /** Socket errors, timeouts included. */
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const perRequestHeaders = options.perRequestHeaders;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: options.method ?? "GET",
        headers: options.headers,
        body: options.body,
        // autocannon builds each request once unless setupRequest changes it per request.
        ...(perRequestHeaders
          ? {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...request.headers, ...perRequestHeaders() },
              }),
            }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}

/**
 * Fires `send(i)` for i in 0..count-1 at a steady `rate` a second, evenly spaced (open loop: a slow
 * answer delays nothing else). Returns how many sends left more than 5 ms behind their time.
 */
export async function steady(
  count: number,
  rate: number,
  send: (index: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let late = 0;
  for (let index = 0; index < count; index++) {
    const wait = started + (index * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (wait < -5) late++;
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
  return late;
}

export interface OpenLoopResult extends LoadResult {
  /** Requests sent more than 5 ms after their time (the bench process itself was slow). */
  lateSends: number;
}

/**
 * Requests at a fixed rate, one every 1000/rate ms, each timed from its send to its answer's last
 * byte. autocannon's `overallRate` is not this: every connection sends its share of the second
 * back to back as soon as the second starts, so "50 a second" arrives as a burst of 50 at the top of
 * each second and the p99 is the last of the burst waiting for the 49 before it.
 */
export async function runOpenLoop(
  options: Omit<LoadOptions, "connections" | "overallRate"> & { rate: number },
): Promise<OpenLoopResult> {
  const count = Math.round(options.rate * options.durationSeconds);
  const latencies: number[] = [];
  let ok2xx = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const lateSends = await steady(count, options.rate, async () => {
    const sent = performance.now();
    try {
      const response = await fetch(options.url, {
        method: options.method ?? "GET",
        headers: { ...options.headers, ...options.perRequestHeaders?.() },
        ...(options.body === undefined ? {} : { body: options.body }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status >= 200 && response.status < 300) ok2xx++;
      else non2xx++;
    } catch (error) {
      errors++;
      if ((error as { name?: string }).name === "TimeoutError") timeouts++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const tail = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  return {
    requestsPerSecond: latencies.length / seconds,
    p50Ms: tail(50),
    p99Ms: tail(99),
    total: count,
    ok2xx,
    non2xx,
    errors,
    timeouts,
    durationSeconds: seconds,
    lateSends,
  };
}
