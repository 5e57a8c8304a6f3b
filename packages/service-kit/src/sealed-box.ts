// AES-256-GCM for personal fields at rest (contact details, names, notes), keyed by DATA_KEY.
// Each value names the key that sealed it, so keys can be rotated: seal with the new key, keep
// the old ones for opening until every row is re-sealed.
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { randomIv } from "./random-iv.js";

export interface SealedBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean;
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function createSealedBox(currentKey: string, previousKeys: string[] = []): SealedBox {
  const current = Buffer.from(currentKey, "base64");
  if (current.length !== 32) throw new Error("DATA_KEY must be 32 bytes, base64-encoded");
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  for (const key of previousKeys) {
    const buffer = Buffer.from(key, "base64");
    keys.set(keyId(buffer), buffer);
  }
  const currentId = keyId(current);
  return {
    seal(plaintext) {
      const iv = randomIv();
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        "v1",
        currentId,
        iv.toString("base64url"),
        tag.toString("base64url"),
        body.toString("base64url"),
      ].join(".");
    },
    open(sealed) {
      const [version, id, iv, tag, body] = sealed.split(".");
      const key = id ? keys.get(id) : undefined;
      if (version !== "v1" || !key || !iv || !tag || body === undefined)
        throw new Error("cannot open sealed value");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
    isStale(sealed) {
      return sealed.split(".")[1] !== currentId;
    },
  };
}
