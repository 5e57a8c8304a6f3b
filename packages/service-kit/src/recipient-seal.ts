// Personal fields inside events, sealed for the one service entitled to open them: X25519 with an
// ephemeral key, HKDF-SHA256, AES-256-GCM (node:crypto only). A producer holds only the
// recipient's public key, so it can seal but never open what others sent; the recipient holds
// its private key and the previous ones during a rotation.
//
// An ephemeral key serves a bounded run of values (`EPHEMERAL_USES`, `EPHEMERAL_MS`), each with
// its own random IV, rather than one key per value: the key exchange was ~7 % of an intake's CPU
// for one sealed person. A producer could already read what it seals (it had the plaintext); the
// shared AES key now lives for seconds in its memory, and GCM with random 96-bit IVs stays far
// below its limit of 2^32 messages per key. The opener keeps the keys it derived per ephemeral key.
//
// Format: `x1.<key id>.<ephemeral public key>.<iv>.<tag>.<ciphertext>`, base64url parts; the key id
// is the first 8 hex digits of SHA-256 over the recipient's raw public key. The associated data is
// a context string (the event type), so a sealed value cannot be moved into another kind of event.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from "node:crypto";
import { randomIv } from "./random-iv.js";

const VERSION = "x1";
/** How many values one ephemeral key seals, and for how long at most. */
export const EPHEMERAL_USES = 1_000;
export const EPHEMERAL_MS = 60_000;
/** Keys an opener keeps, per ephemeral key seen (a producer makes a few a minute). */
const OPENED_KEYS = 256;
const INFO = Buffer.from("relais recipient seal v1");
// The DER prefix of an X25519 private key in PKCS#8 (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");

export interface RecipientSealer {
  /** Seals `value` (JSON-serialised) for the recipient; `context` must match when it is opened. */
  seal(value: unknown, context: string): string;
}

export interface RecipientOpener {
  /** Opens a value sealed for this recipient with the same `context`; throws otherwise. */
  open(sealed: string, context: string): unknown;
}

function rawKey(name: string, value: string): Buffer {
  const raw = Buffer.from(value, "base64");
  if (raw.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (an X25519 key)`);
  return raw;
}

// Raw X25519 keys go in and out of KeyObjects as JWK, not DER: OpenSSL 3's DER encoders and
// decoders are the slow part of a seal (measured on Node 20: importing a public key 580 µs as DER
// against 65 µs as JWK, exporting one 3-4x slower), and the bytes are the same.
function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "X25519", x: raw.toString("base64url") }, format: "jwk" });
}

function privateKeyFromRaw(raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: "der", type: "pkcs8" });
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: "jwk" }).x ?? "", "base64url");
}

function keyId(rawPublicKey: Buffer): string {
  return createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 8);
}

function derive(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** A new X25519 key pair as the environment holds it: raw 32 bytes each, base64. */
export function generateRecipientKeyPair(): { privateKey: string; publicKey: string } {
  const pair = generateKeyPairSync("x25519");
  const der = pair.privateKey.export({ format: "der", type: "pkcs8" }) as Buffer;
  return {
    privateKey: der.subarray(PKCS8_PREFIX.length).toString("base64"),
    publicKey: rawPublic(pair.publicKey).toString("base64"),
  };
}

/** The public key (raw, base64) that belongs to a private key given as the environment holds it. */
export function recipientPublicKey(privateKey: string): string {
  const key = createPublicKey(privateKeyFromRaw(rawKey("private key", privateKey)));
  return rawPublic(key).toString("base64");
}

export function createRecipientSealer(
  publicKey: string,
  name = "public key",
  now: () => number = Date.now,
): RecipientSealer {
  const recipientRaw = rawKey(name, publicKey);
  const recipient = publicKeyFromRaw(recipientRaw);
  const id = keyId(recipientRaw);
  let current: { ephemeral: string; key: Buffer; uses: number; until: number } | undefined;
  function sealingKey() {
    if (!current || current.uses >= EPHEMERAL_USES || now() >= current.until) {
      const ephemeral = generateKeyPairSync("x25519");
      const ephemeralRaw = rawPublic(ephemeral.publicKey);
      const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
      current = {
        ephemeral: ephemeralRaw.toString("base64url"),
        key: derive(shared, ephemeralRaw, recipientRaw),
        uses: 0,
        until: now() + EPHEMERAL_MS,
      };
    }
    current.uses += 1;
    return current;
  }
  return {
    seal(value, context) {
      const { ephemeral, key } = sealingKey();
      const iv = randomIv();
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
      return [
        VERSION,
        id,
        ephemeral,
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        body.toString("base64url"),
      ].join(".");
    },
  };
}

export function createRecipientOpener(currentKey: string, previousKeys: string[] = []): RecipientOpener {
  const keys = new Map<string, { privateKey: KeyObject; publicRaw: Buffer }>();
  for (const [index, value] of [currentKey, ...previousKeys].entries()) {
    const privateKey = privateKeyFromRaw(rawKey(index === 0 ? "private key" : "previous key", value));
    const publicRaw = rawPublic(createPublicKey(privateKey));
    keys.set(keyId(publicRaw), { privateKey, publicRaw });
  }
  // Derived keys by key id and ephemeral key, oldest first (a Map keeps insertion order).
  const derived = new Map<string, Buffer>();
  function openingKey(
    key: { privateKey: KeyObject; publicRaw: Buffer },
    id: string,
    ephemeral: string,
  ): Buffer {
    const cacheKey = `${id}.${ephemeral}`;
    const known = derived.get(cacheKey);
    if (known) return known;
    const ephemeralRaw = Buffer.from(ephemeral, "base64url");
    const shared = diffieHellman({ privateKey: key.privateKey, publicKey: publicKeyFromRaw(ephemeralRaw) });
    const aesKey = derive(shared, ephemeralRaw, key.publicRaw);
    if (derived.size >= OPENED_KEYS) derived.delete(derived.keys().next().value!);
    derived.set(cacheKey, aesKey);
    return aesKey;
  }
  return {
    open(sealed, context) {
      const [version, id, ephemeral, iv, tag, body, extra] = sealed.split(".");
      const key = id ? keys.get(id) : undefined;
      if (
        version !== VERSION ||
        !id ||
        !key ||
        !ephemeral ||
        !iv ||
        !tag ||
        body === undefined ||
        extra !== undefined
      )
        throw new Error("cannot open sealed value: unknown format or key");
      const decipher = createDecipheriv(
        "aes-256-gcm",
        openingKey(key, id, ephemeral),
        Buffer.from(iv, "base64url"),
      );
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
      return JSON.parse(plain.toString("utf8"));
    },
  };
}
