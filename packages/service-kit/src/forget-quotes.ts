// Retention: what a service stored besides its own rows may still quote a purged person or
// referral: an idempotent answer (a name, a contact, a summary) or a dead-lettered event. Every
// service drops those in the same transaction that forgets its own rows.
import { deadLetters } from "@relais/bus";
import type { Executor } from "@relais/db";
import { type AnyColumn, and, eq, or, sql } from "drizzle-orm";
import { idempotencyKeys } from "./idempotency.js";

/**
 * Deletes the organisation's stored answers and dead letters that contain any of `needles` (a
 * person reference, a referral id, …); `inPath` also matches the answers' paths (an id that a
 * route names only in its path). instr, not LIKE: the "_" of "prs_" would be a wildcard.
 */
export async function forgetQuotes(
  tx: Executor,
  orgId: string,
  needles: readonly string[],
  options: { inPath?: boolean } = {},
): Promise<void> {
  if (needles.length === 0) return;
  const quotes = (column: AnyColumn) => or(...needles.map((needle) => sql`instr(${column}, ${needle}) > 0`));
  const answers = options.inPath
    ? or(quotes(idempotencyKeys.responseBody), quotes(idempotencyKeys.path))
    : quotes(idempotencyKeys.responseBody);
  await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.org, orgId), answers));
  await tx.delete(deadLetters).where(and(eq(deadLetters.orgId, orgId), quotes(deadLetters.payload)));
}
