// The set-up the services' test files share: one nats-server for the file, and the service under
// test started on it for the whole file or afresh for each test, stopped after. Call it inside the
// `describe`; read `nats` and `service` in the tests (with `perTest`, they change per test).
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type NatsProcess, startNats } from "./nats.js";

export interface UseServiceOptions<S> {
  /** A fresh service for each test (default: one for the file). */
  perTest?: boolean;
  /** Runs once the service is up: start its runner, seed it, or keep it in the file's own `let`. */
  started?: (service: S, nats: NatsProcess) => void | Promise<void>;
}

export function useService<S extends { stop(): Promise<void> }>(
  start: (nats: NatsProcess) => Promise<S>,
  options: UseServiceOptions<S> = {},
): { readonly nats: NatsProcess; readonly service: S } {
  let nats: NatsProcess | undefined;
  let service: S | undefined;
  const up = async () => {
    if (!nats) throw new Error("nats-server not started");
    service = await start(nats);
    await options.started?.(service, nats);
  };
  const down = async () => {
    await service?.stop();
    service = undefined;
  };
  beforeAll(async () => {
    nats = await startNats();
    if (!options.perTest) await up();
  });
  afterAll(async () => {
    if (!options.perTest) await down();
    await nats?.stop();
  });
  if (options.perTest) {
    beforeEach(up);
    afterEach(down);
  }
  return {
    get nats() {
      return startedYet(nats, "nats-server");
    },
    get service() {
      return startedYet(service, "service");
    },
  };
}

/** One nats-server for the file's tests: started before them, stopped after. Call it inside the `describe`. */
export function useNats(): { readonly nats: NatsProcess } {
  let nats: NatsProcess | undefined;
  beforeAll(async () => {
    nats = await startNats();
  });
  afterAll(async () => {
    await nats?.stop();
  });
  return {
    get nats() {
      return startedYet(nats, "nats-server");
    },
  };
}

/** What a `beforeAll` of the file sets; a test that reads it sooner is told what it read too soon. */
export function startedYet<T>(value: T | undefined, what: string): T {
  if (!value) throw new Error(`${what} not started yet`);
  return value;
}
