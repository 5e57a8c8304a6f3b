// The NATS connection of one service. It connects in the background and keeps reconnecting, so
// a service starts and accepts writes while NATS is down: the outbox grows until it returns.
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from "nats";
import type { Logger } from "pino";
import { type AckedPublisher, ackedPublisher } from "./publisher.js";

export interface Bus {
  /** Resolves once the first connection is made (waits as long as it takes). */
  connection(): Promise<NatsConnection>;
  jetstream(): Promise<JetStreamClient>;
  manager(): Promise<JetStreamManager>;
  /** JetStream publishes acked on one reply subscription (publisher.ts), with the bus's timeout. */
  publisher(): Promise<AckedPublisher>;
  isConnected(): boolean;
  /** Ready check for /readyz: throws unless connected right now. */
  check(): Promise<void>;
  /** Drains subscriptions and closes the connection. */
  close(): Promise<void>;
}

export interface BusOptions {
  servers: string;
  name: string;
  logger: Logger;
  /** Publish and request timeout; a publish that does not get its ack by then is retried. */
  timeoutMs?: number;
  /** Credentials, when the server authorises by user (infra/nats/authorization.conf). */
  user?: string;
  pass?: string | undefined;
}

export function connectBus(options: BusOptions): Bus {
  let current: NatsConnection | undefined;
  let connected = false;
  let closed = false;
  const servers = options.servers
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const connection = connect({
    servers,
    name: options.name,
    ...(options.user ? { user: options.user, pass: options.pass ?? "" } : {}),
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    reconnectJitter: 100,
    timeout: options.timeoutMs ?? 5_000,
    // nats.js otherwise makes two Errors per request (a JetStream publish is one) just to keep
    // the caller's stack for a timeout: ~5 % of an intake's CPU in the relay, whose stack would
    // only ever name the relay. A timeout still rejects with its NatsError.
    noAsyncTraces: true,
  }).then((nc) => {
    current = nc;
    connected = true;
    options.logger.info({ server: nc.getServer() }, "connected to NATS");
    void watchStatus(nc);
    return nc;
  });
  // A rejection here only happens on close before the first connect; callers see it on use.
  connection.catch(() => undefined);

  async function watchStatus(nc: NatsConnection) {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") {
        connected = false;
        options.logger.warn({ server: status.data }, "NATS disconnected");
      } else if (status.type === "reconnect") {
        connected = true;
        options.logger.info({ server: status.data }, "NATS reconnected");
      }
    }
  }

  const jsOptions = { timeout: options.timeoutMs ?? 5_000 };
  const publisher = connection.then((nc) => ackedPublisher(nc, jsOptions.timeout));
  publisher.catch(() => undefined);
  return {
    publisher: () => publisher,
    connection: () => connection,
    jetstream: async () => (await connection).jetstream(jsOptions),
    manager: async () => (await connection).jetstreamManager(jsOptions),
    isConnected: () => connected && !closed,
    async check() {
      if (!connected || closed || !current) throw new Error("NATS is not connected");
      await current.flush();
    },
    async close() {
      closed = true;
      if (current && !current.isClosed()) {
        await current.drain().catch(() => current?.close());
      }
    },
  };
}
