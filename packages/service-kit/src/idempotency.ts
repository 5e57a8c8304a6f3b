// Makes a retried POST safe: the first response for (org, Idempotency-Key) is stored and replayed.
// Inside one process a per-key lock queues duplicates behind the first request. Across processes
// there are two modes:
// - in-transaction (`inTransaction: true`): the handler stores the key with its response in the
//   same transaction as its effect (`idempotencyOf(c).save(tx, status, body)`); a rival process's
//   insert then conflicts and its whole transaction rolls back, so the effect happens once and
//   costs no extra commit;
// - otherwise a pending row is committed before the handler runs so other processes see the key
//   as taken, and the response is stored after it.
import { createHash } from "node:crypto";
import type { Database, Executor } from "@relais/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Context, MiddlewareHandler, Next } from "hono";
import type { AppEnv } from "./app.js";
import { principalOf } from "./auth.js";
import { type Clock, systemClock } from "./clock.js";
import { Conflict, Invalid } from "./errors.js";
import { KeyedLock } from "./keyed-lock.js";

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    org: text("org").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    status: integer("status"),
    responseBody: text("response_body"),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.org, table.key] })],
);

export interface IdempotencyOptions {
  /** The handler stores the key in its own transaction with `idempotencyOf(c).save(...)`. */
  inTransaction?: boolean;
  /** Reject requests without the header (default); otherwise they run unprotected. */
  required?: boolean;
  /** How long a stored response is replayed; after that the key may be used afresh. Default 24. */
  ttlHours?: number;
  clock?: Clock;
}

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** A pending row older than this belongs to a process that died mid-request. */
export const STALE_PENDING_MS = 60_000;
const VALID_KEY = /^[\x20-\x7E]{1,200}$/;

// One lock per database, so two routes guarding the same table also queue behind each other.
const locks = new WeakMap<Database, KeyedLock>();

export function idempotency(database: Database, options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  const required = options.required ?? true;
  const ttlMs = (options.ttlHours ?? 24) * 3_600_000;
  const clock = options.clock ?? systemClock;
  const lock = locks.get(database) ?? new KeyedLock();
  locks.set(database, lock);

  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) {
      if (!required) return next();
      throw new Invalid(`The ${IDEMPOTENCY_HEADER} header is required`, [
        { path: IDEMPOTENCY_HEADER, message: "Required: a unique value per intended operation" },
      ]);
    }
    if (!VALID_KEY.test(key)) {
      throw new Invalid(`The ${IDEMPOTENCY_HEADER} header is not valid`, [
        { path: IDEMPOTENCY_HEADER, message: "Expected 1 to 200 printable ASCII characters" },
      ]);
    }
    const { org } = principalOf(c);
    const request: KeyedRequest = {
      org,
      key,
      method: c.req.method,
      path: c.req.path,
      requestHash: createHash("sha256")
        .update(await c.req.text())
        .digest("hex"),
    };

    if (options.inTransaction) {
      return lock.run(`${org}\n${key}`, () => runInTransaction(c, next, database, request, clock, ttlMs));
    }

    return lock.run(`${org}\n${key}`, async () => {
      const claim = await database.write((tx) => claimKey(tx, request, clock.now(), ttlMs));
      switch (claim.kind) {
        case "replay":
          return new Response(claim.body, {
            status: claim.status,
            headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
          });
        case "reused":
          throw new Conflict(
            `This ${IDEMPOTENCY_HEADER} was already used for a different request`,
            "idempotency_key_reused",
          );
        case "in_progress":
          throw new Conflict(
            `A request with this ${IDEMPOTENCY_HEADER} is still in progress; retry shortly`,
            "idempotency_in_progress",
          );
      }

      let stored = false;
      try {
        await next();
        const { status } = c.res;
        if (status >= 200 && status < 300) {
          const body = await c.res.clone().text();
          await database.write((tx) =>
            tx
              .update(idempotencyKeys)
              .set({ status, responseBody: body })
              .where(and(eq(idempotencyKeys.org, org), eq(idempotencyKeys.key, key))),
          );
          stored = true;
        }
      } finally {
        // Failures are not remembered: the client may fix the request and retry with the same key.
        if (!stored) {
          await database
            .write((tx) =>
              tx
                .delete(idempotencyKeys)
                .where(
                  and(
                    eq(idempotencyKeys.org, org),
                    eq(idempotencyKeys.key, key),
                    eq(idempotencyKeys.createdAt, claim.createdAt),
                    isNull(idempotencyKeys.status),
                  ),
                ),
            )
            .catch((error: unknown) =>
              c.var.logger.error({ err: error }, "could not release idempotency key"),
            );
        }
      }
    });
  };
}

/** What a handler behind `idempotency(database, { inTransaction: true })` uses to store its answer. */
export interface IdempotentSave {
  /** Stores the response with the key inside `tx`; call it last, inside the effect's transaction. */
  save(tx: Executor, status: number, body: unknown): Promise<void>;
}

const SAVE = Symbol("idempotent-save");

export class IdempotencyRace extends Conflict {
  constructor() {
    super(
      `A request with this ${IDEMPOTENCY_HEADER} was completed by another process`,
      "idempotency_in_progress",
    );
  }
}

/** The key of the current request; only valid behind `idempotency(database, { inTransaction: true })`. */
export function idempotencyOf(c: Context<AppEnv>): IdempotentSave {
  const save = (c as unknown as Record<symbol, IdempotentSave | undefined>)[SAVE];
  if (!save) throw new Error("idempotencyOf called on a route without idempotency({ inTransaction: true })");
  return save;
}

function replayResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
  });
}

async function runInTransaction(
  c: Context<AppEnv>,
  next: Next,
  database: Database,
  request: KeyedRequest,
  clock: Clock,
  ttlMs: number,
): Promise<Response | undefined> {
  const existing = await lookUp(database, request, clock.now(), ttlMs);
  if (existing) return existing;
  let saved = false;
  let raced = false;
  const save: IdempotentSave = {
    async save(tx, status, body) {
      const now = clock.now();
      const row = { ...request, status, responseBody: JSON.stringify(body), createdAt: now.toISOString() };
      // Only an expired stored answer may be overwritten; anything else means a rival won.
      const written = await tx
        .insert(idempotencyKeys)
        .values(row)
        .onConflictDoUpdate({
          target: [idempotencyKeys.org, idempotencyKeys.key],
          set: row,
          setWhere: or(
            lt(idempotencyKeys.createdAt, new Date(now.getTime() - ttlMs).toISOString()),
            and(
              isNull(idempotencyKeys.status),
              lt(idempotencyKeys.createdAt, new Date(now.getTime() - STALE_PENDING_MS).toISOString()),
            ),
          ),
        })
        .returning({ key: idempotencyKeys.key });
      if (written.length === 0) {
        raced = true;
        throw new IdempotencyRace();
      }
      saved = true;
    },
  };
  (c as unknown as Record<symbol, IdempotentSave>)[SAVE] = save;
  await next();
  if (raced) {
    const replay = await lookUp(database, request, clock.now(), ttlMs);
    if (replay) c.res = replay;
    return;
  }
  const { status } = c.res;
  if (!saved && status >= 200 && status < 300) {
    // A handler that forgot to save: store afterwards rather than lose the protection.
    c.var.logger.error({ path: request.path }, "idempotent handler did not save its key in its transaction");
    const body = await c.res.clone().text();
    await database.write((tx) =>
      tx
        .insert(idempotencyKeys)
        .values({ ...request, status, responseBody: body, createdAt: clock.now().toISOString() })
        .onConflictDoNothing(),
    );
  }
}

/** The stored answer for this key, a 409 for a different request with it, or undefined. */
async function lookUp(
  database: Database,
  request: KeyedRequest,
  now: Date,
  ttlMs: number,
): Promise<Response | undefined> {
  const [row] = await database.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.org, request.org), eq(idempotencyKeys.key, request.key)));
  if (!row) return undefined;
  const age = now.getTime() - Date.parse(row.createdAt);
  if (row.status != null && age > ttlMs) return undefined;
  const same =
    row.requestHash === request.requestHash && row.method === request.method && row.path === request.path;
  if (!same) {
    throw new Conflict(
      `This ${IDEMPOTENCY_HEADER} was already used for a different request`,
      "idempotency_key_reused",
    );
  }
  if (row.status != null) return replayResponse(row.status, row.responseBody ?? "");
  if (age <= STALE_PENDING_MS) {
    throw new Conflict(
      `A request with this ${IDEMPOTENCY_HEADER} is still in progress; retry shortly`,
      "idempotency_in_progress",
    );
  }
  return undefined;
}

interface KeyedRequest {
  org: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

type Claim =
  | { kind: "claimed"; createdAt: string }
  | { kind: "replay"; status: number; body: string }
  | { kind: "reused" }
  | { kind: "in_progress" };

async function claimKey(tx: Executor, request: KeyedRequest, now: Date, ttlMs: number): Promise<Claim> {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.org, request.org), eq(idempotencyKeys.key, request.key)));
  const age = row ? now.getTime() - Date.parse(row.createdAt) : 0;
  const expired = row?.status != null && age > ttlMs;

  if (row && !expired) {
    const same =
      row.requestHash === request.requestHash && row.method === request.method && row.path === request.path;
    if (!same) return { kind: "reused" };
    if (row.status != null) return { kind: "replay", status: row.status, body: row.responseBody ?? "" };
    if (age <= STALE_PENDING_MS) return { kind: "in_progress" };
  }

  const createdAt = now.toISOString();
  const pending = { ...request, status: null, responseBody: null, createdAt };
  await tx
    .insert(idempotencyKeys)
    .values(pending)
    .onConflictDoUpdate({ target: [idempotencyKeys.org, idempotencyKeys.key], set: pending });
  return { kind: "claimed", createdAt };
}

/** Deletes stored responses older than the TTL; run it now and then (e.g. at start-up). */
export async function purgeIdempotencyKeys(database: Database, olderThan: Date): Promise<void> {
  await database.write((tx) =>
    tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan.toISOString())),
  );
}
