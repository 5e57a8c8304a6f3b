// Makes a retried POST safe, in one mode: the key and its answer are stored in the effect's own
// transaction, and a stored answer is only ever given after the verb's own authorisation. So a
// crash can never separate the effect from its answer (a retry either replays the answer or runs
// the effect for the first time), and nobody gets an answer the verb would not have let them see.
//
// A route declares `idempotency()` and gives `verbContext(c, deps, { status, present })` to its
// verb; the verb's `writeVerb` (verb.ts) calls `Once.assumeNew(scope)` (or `Once.check(tx, scope)`)
// when the verb says it is authorised and `Once.save(tx, result)` with what the verb returns, in
// the same transaction.
import { hash } from "node:crypto";
import { type Database, type Executor, insertRows, prepared } from "@relais/db";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app.js";
import { principalOf } from "./auth.js";
import { type Clock, systemClock } from "./clock.js";
import { Conflict, Invalid } from "./errors.js";

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    org: text("org").notNull(),
    /** Who may be given the answer besides passing the verb's checks ('' when the checks say it all). */
    scope: text("scope").notNull().default(""),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null only in rows left by the former two-commit mode: a request that never finished. */
    status: integer("status"),
    responseBody: text("response_body"),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.org, table.scope, table.key] })],
);

export interface IdempotencyOptions {
  /** Reject requests without the header (default); otherwise they run unprotected. */
  required?: boolean;
  /** How long a stored answer is replayed; after that the key may be used afresh. Default 24. */
  ttlHours?: number;
  clock?: Clock;
}

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const VALID_KEY = /^[\x20-\x7E]{1,200}$/;

interface KeyedRequest {
  org: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  ttlMs: number;
  clock: Clock;
  /** Set once the verb stored or replayed an answer, so a route that forgot is noticed. */
  settled: boolean;
}

const REQUEST = Symbol("idempotent-request");
type Carrier = Record<symbol, KeyedRequest | undefined>;

/** Reads and checks the Idempotency-Key header; the verb does the rest through `answerOnce`. */
export function idempotency(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  const required = options.required ?? true;
  const ttlMs = (options.ttlHours ?? 24) * 3_600_000;
  const clock = options.clock ?? systemClock;

  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) {
      if (!required) return next();
      throw new Invalid(`The ${IDEMPOTENCY_HEADER} header is required`, [
        {
          path: IDEMPOTENCY_HEADER,
          code: "required",
          message: "Required: a unique value per intended operation",
        },
      ]);
    }
    if (!VALID_KEY.test(key)) {
      throw new Invalid(`The ${IDEMPOTENCY_HEADER} header is not valid`, [
        {
          path: IDEMPOTENCY_HEADER,
          code: "invalid_format",
          message: "Expected 1 to 200 printable ASCII characters",
        },
      ]);
    }
    const request: KeyedRequest = {
      org: principalOf(c).org,
      key,
      method: c.req.method,
      path: c.req.path,
      // One-shot: no Hash object per request.
      requestHash: hash("sha256", await c.req.text(), "hex"),
      ttlMs,
      clock,
      settled: false,
    };
    (c as unknown as Carrier)[REQUEST] = request;
    await next();
    if (!request.settled && c.res.status >= 200 && c.res.status < 300) {
      c.var.logger.error({ path: request.path }, "idempotent route answered without storing its answer");
    }
  };
}

/** What a verb gets to make its effect happen once per key. */
export interface Once<R> {
  /**
   * Call inside the verb's write transaction, right after its authorisation checks and before any
   * state check: when this key already has an answer (for this scope), the verb stops here and the
   * stored answer is replayed; a different request with the key is a 409.
   * `scope` names who, beyond passing those checks, may be given the answer (e.g. the creator, or
   * the police zone); leave it out when the checks already say who may see it.
   */
  check(tx: Executor, scope?: string): Promise<void>;
  /**
   * `check` without the look-up, for a key that is most likely new (nearly every one is): `save`
   * then stores the answer with a plain INSERT and throws `KeyTaken` when the key is already there
   * (its primary key says so), which rolls the verb's write back; the caller then runs the verb
   * again with `check` (writeVerb does).
   */
  assumeNew(scope?: string): void;
  /** Stores the answer with the key; call it last, inside the same transaction as the effect. */
  save(tx: Executor, result: R): Promise<void>;
}

/**
 * `save` after `assumeNew` found the key already stored (replayable, reused, expired or
 * unfinished): the write must roll back and the verb run again with `check`. Never answered.
 */
export class KeyTaken extends Error {
  constructor() {
    super("the Idempotency-Key is already stored: look it up and run the verb again");
  }
}

/** Thrown by `Once.check` to stop the verb; the kit's error handler answers with the stored response. */
export class StoredAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super("replaying the stored answer for this Idempotency-Key");
  }

  toResponse(): Response {
    return new Response(this.body, {
      status: this.status,
      headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
    });
  }
}

/**
 * The key of this request for its verb, or undefined when the request carries none (on a route
 * where it is optional). `present` turns the verb's result into the body the route answers with:
 * that body is what is stored and replayed.
 */
export function answerOnce<R>(
  c: Context<AppEnv>,
  status: number,
  present: (result: R) => unknown,
): Once<R> | undefined {
  const request = (c as unknown as Carrier)[REQUEST];
  if (!request) return undefined;
  let checkedScope: string | undefined;
  /** Whether `check` found a row for the key (expired, or left unfinished): `save` overwrites it. */
  let stored = false;
  /** Set by `assumeNew`: nobody looked, so a row already there is `KeyTaken`, not a race. */
  let assumed = false;
  return {
    assumeNew(scope = "") {
      checkedScope = scope;
      stored = false;
      assumed = true;
    },
    async check(tx, scope = "") {
      assumed = false;
      const now = request.clock.now();
      const [row] = await prepared(tx, "idempotency.check", (db) =>
        db
          .select()
          .from(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.org, sql.placeholder("org")),
              eq(idempotencyKeys.scope, sql.placeholder("scope")),
              eq(idempotencyKeys.key, sql.placeholder("key")),
            ),
          ),
      ).all({ org: request.org, scope, key: request.key });
      checkedScope = scope;
      stored = row !== undefined;
      if (!row || row.status == null || now.getTime() - Date.parse(row.createdAt) > request.ttlMs) return;
      const same =
        row.requestHash === request.requestHash && row.method === request.method && row.path === request.path;
      if (!same) {
        throw new Conflict(
          `This ${IDEMPOTENCY_HEADER} was already used for a different request`,
          "idempotency_key_reused",
        );
      }
      request.settled = true;
      throw new StoredAnswer(row.status, row.responseBody ?? "");
    },
    async save(tx, result) {
      if (checkedScope === undefined) throw new Error("Once.save called before Once.check");
      const now = request.clock.now();
      const row = {
        org: request.org,
        scope: checkedScope,
        key: request.key,
        method: request.method,
        path: request.path,
        requestHash: request.requestHash,
        status,
        responseBody: JSON.stringify(present(result)),
        createdAt: now.toISOString(),
      };
      if (!stored) {
        // No row was found (by `check`, in this same write transaction, which holds the write
        // lock) or none was looked for (`assumeNew`): a plain INSERT (its SQL built once, see
        // insertRows), without the upsert's conflict clause and the RETURNING row drizzle reads
        // back. A row there anyway trips the primary key.
        try {
          await insertRows(tx, idempotencyKeys, [row]);
        } catch (error) {
          if (isConstraintViolation(error)) throw assumed ? new KeyTaken() : new IdempotencyRace();
          throw error;
        }
        request.settled = true;
        return;
      }
      // Only an expired answer may be overwritten. Anything else was stored by another process on
      // the same database since `check`: this transaction must not commit a second effect.
      const written = await prepared(tx, "idempotency.save", saveAnswer).all({
        ...row,
        expiredBefore: new Date(now.getTime() - request.ttlMs).toISOString(),
      });
      if (written.length === 0) throw new IdempotencyRace();
      request.settled = true;
    },
  };
}

const answerColumns = [
  "org",
  "scope",
  "key",
  "method",
  "path",
  "requestHash",
  "status",
  "responseBody",
  "createdAt",
] as const;

/**
 * Stores the answer, each value a placeholder named after its column (built once, see
 * `prepared`); an expired answer (or a former unfinished one) is overwritten with the new row.
 */
function saveAnswer(db: Executor) {
  const values = Object.fromEntries(answerColumns.map((column) => [column, sql.placeholder(column)]));
  const set = Object.fromEntries(
    answerColumns.map((column) => [column, sql`excluded.${sql.identifier(idempotencyKeys[column].name)}`]),
  );
  return db
    .insert(idempotencyKeys)
    .values(values as unknown as typeof idempotencyKeys.$inferInsert)
    .onConflictDoUpdate({
      target: [idempotencyKeys.org, idempotencyKeys.scope, idempotencyKeys.key],
      set,
      setWhere: or(
        isNull(idempotencyKeys.status),
        lt(idempotencyKeys.createdAt, sql.placeholder("expiredBefore")),
      ),
    })
    .returning({ key: idempotencyKeys.key });
}

/** SQLite's `SQLITE_CONSTRAINT…` behind `error` (drizzle wraps the driver's error as its cause). */
function isConstraintViolation(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT")) return true;
    cause = cause.cause;
  }
  return false;
}

export class IdempotencyRace extends Conflict {
  constructor() {
    super(
      `A request with this ${IDEMPOTENCY_HEADER} was completed by another process; retry to get its answer`,
      "idempotency_in_progress",
    );
  }
}

/** Deletes stored answers older than the TTL; run it now and then (e.g. at start-up). */
export async function purgeIdempotencyKeys(database: Database, olderThan: Date): Promise<void> {
  await database.write((tx) =>
    tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan.toISOString())),
  );
}
