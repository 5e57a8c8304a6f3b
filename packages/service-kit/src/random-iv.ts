// 12-byte IVs for AES-GCM, cut from a pool of random bytes refilled 4 KiB at a time (as uuid does
// for its ids): `randomBytes(12)` per value was ~2 % of an intake's CPU, a call into OpenSSL's
// generator for every sealed field. Each byte of the pool is handed out once.
import { randomFillSync } from "node:crypto";

const POOL = Buffer.allocUnsafe(4096);
let next = POOL.length;

export function randomIv(): Buffer {
  if (next + 12 > POOL.length) {
    randomFillSync(POOL);
    next = 0;
  }
  // A copy: the pool's bytes change at the next refill.
  const iv = Buffer.from(POOL.subarray(next, next + 12));
  next += 12;
  return iv;
}
