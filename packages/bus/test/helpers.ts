import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createEvent, ReferralStatusChanged } from "@relais/contracts";
import { startNats, tempDatabase } from "@relais/testing";
import pino from "pino";
import { connectBus } from "../src/connection.js";
import type { PayloadBox } from "../src/consumer.js";
import { ensureStreams } from "../src/streams.js";
import * as schema from "./schema.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

export function testDatabase() {
  return tempDatabase({ schema, migrationsFolder: fileURLToPath(new URL("./drizzle", import.meta.url)) });
}

/**
 * What every bus test runs on: its own nats-server with the REFERRALS stream, a test database and
 * a bus connected as `name`. Each part is stopped through `cleanups`, which the test runs in reverse.
 */
export async function startBusParts(name: string, cleanups: Array<() => Promise<void> | void>) {
  const nats = await startNats();
  cleanups.push(() => nats.stop());
  const db = await testDatabase();
  cleanups.push(() => db.cleanup());
  const bus = connectBus({ servers: nats.url, name, logger, timeoutMs: 1_000 });
  cleanups.push(() => bus.close());
  await ensureStreams(await bus.manager(), ["REFERRALS"], { replicas: 1 });
  return { nats, db, bus };
}

/** AES-256-GCM with a random key, the shape of the service kit's DATA_KEY box (which bus cannot import). */
export function testPayloadBox(): PayloadBox {
  const key = randomBytes(32);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
    },
    open(sealed) {
      const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
      const decipher = createDecipheriv("aes-256-gcm", key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
    },
  };
}

/** The event the bus tests publish and consume: a referral moving from received to contacting. */
export function statusEvent(referralId: string) {
  return createEvent(ReferralStatusChanged, {
    orgId: "org-a",
    source: "test",
    data: { referralId, policeZone: "5277", from: "received", to: "contacting", firstContactAt: null },
  });
}
