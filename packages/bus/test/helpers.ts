import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createEvent, ReferralStatusChanged } from "@relais/contracts";
import { tempDatabase } from "@relais/testing";
import pino from "pino";
import type { PayloadBox } from "../src/consumer.js";
import * as schema from "./schema.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

export function testDatabase() {
  return tempDatabase({ schema, migrationsFolder: fileURLToPath(new URL("./drizzle", import.meta.url)) });
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
