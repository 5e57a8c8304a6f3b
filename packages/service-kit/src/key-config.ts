// Environment variables that hold keys: DATA_KEY (AES-256-GCM) and the X25519 seal keys are all
// 32 bytes, base64; older keys kept for a rotation are a comma-separated list of the same.
import { z } from "zod";

const is32Bytes = (value: string) => Buffer.from(value, "base64").length === 32;

/** A 32-byte key, base64: DATA_KEY, or an X25519 seal key (public or private). */
export const Key32 = z.string().refine(is32Bytes, "expected 32 bytes, base64-encoded");

/** notifications' or groups' X25519 public key, for a service that seals event fields for it. */
export const SealPublicKey = Key32;

/** Older keys still able to open what was sealed before a rotation: comma-separated, maybe empty. */
export const PreviousKeys = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean),
  )
  .pipe(z.array(Key32));
