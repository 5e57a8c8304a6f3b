// The connection write transactions run on, for a `file:` database: libSQL's own driver with its
// statements prepared once and kept, behind the small part of @libsql/client's interface that
// drizzle's transactions use (`transaction()` → `execute`, `commit`, `rollback`).
//
// Why: @libsql/client prepares every statement afresh on every call, and learns whether it
// returns rows by catching the exception `raw()` throws for those that do not. Measured on this
// stack: 39 µs per INSERT that way, 4 µs on a kept statement; an intake writes ~10 statements. The
// SQL, its parameters, the results (rows as @libsql/client shapes them, integers as numbers)
// and the errors (`LibsqlError` with SQLite's code, so `storageFaultOf` reads them) are the same.
import { createRequire } from "node:module";
import { type Client, type InStatement, type InValue, LibsqlError, type ResultSet } from "@libsql/client";
import type Libsql from "libsql";
import { LIBSQL_PATH } from "./libsql-path.js";

const Database = createRequire(import.meta.url)(LIBSQL_PATH) as typeof Libsql & {
  SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number };
};

interface Kept {
  statement: Libsql.Statement<unknown[]>;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Makes a row of this statement's columns (reader statements only). */
  row: (values: unknown[]) => unknown;
}

/** Statements kept per connection; past this, the oldest is dropped (variable-length IN lists). */
const MAX_KEPT = 500;

export interface WriteConnection {
  /** What `drizzle(...)` is given for writes: only `transaction()` (and `execute`) are used. */
  client: Client;
  /**
   * Runs one statement on the connection, in whatever transaction it is in (the hot-path
   * helpers of hot-path.ts call it only inside a write they were handed).
   */
  run(stmt: { sql: string; args: InValue[] }): ResultSet;
  /** True between BEGIN and COMMIT/ROLLBACK. */
  readonly inTransaction: boolean;
  /** SQLite's `total_changes()`: rows inserted, updated or deleted on this connection so far. */
  totalChanges(): number;
  close(): void;
}

export function openWriteConnection(path: string, options: { timeoutMs: number }): WriteConnection {
  // NORMAL: COMMIT writes the WAL without syncing it; database.ts syncs it off the event loop
  // before a write resolves, and checkpoints run on a thread of their own (durability.ts).
  const open = () => {
    const connection = new Database(path, { timeout: options.timeoutMs });
    connection.exec("PRAGMA synchronous = NORMAL");
    connection.exec("PRAGMA wal_autocheckpoint = 0");
    return connection;
  };
  let db = open();
  const kept = new Map<string, Kept>();

  /** A connection a ROLLBACK failed on may still be inside the transaction: start afresh. */
  function rollBack(): void {
    try {
      if (db.open && db.inTransaction) execute("ROLLBACK");
    } finally {
      if (db.open && db.inTransaction) {
        kept.clear();
        db.close();
        db = open();
      }
    }
  }

  function prepared(sql: string): Kept {
    let entry = kept.get(sql);
    if (entry) return entry;
    const statement = db.prepare(sql) as Libsql.Statement<unknown[]>;
    statement.safeIntegers(true);
    const reader = statement.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      statement.raw(true);
      const definitions = statement.columns();
      columns = definitions.map((column) => column.name);
      columnTypes = definitions.map((column) => column.type ?? "");
    }
    entry = { statement, reader, columns, columnTypes, row: rowMaker(columns) };
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(sql, entry);
    return entry;
  }

  function execute(stmt: InStatement): ResultSet {
    const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
    if (args !== undefined && !Array.isArray(args)) {
      throw new TypeError("named arguments are not used by drizzle and not supported here");
    }
    const values = (args ?? []).map(valueToSql);
    try {
      const { statement, reader, columns, columnTypes, row } = prepared(sql);
      if (reader) {
        const rows = (statement.all(values) as unknown[][]).map(row);
        return resultSet(columns, columnTypes, rows, 0, undefined);
      }
      const info = statement.run(values);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  function transaction(mode: "write" | "read" | "deferred" = "write") {
    execute(mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN");
    let settled = false;
    const live = () => {
      if (settled) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    };
    return {
      async execute(stmt: InStatement) {
        live();
        return execute(stmt);
      },
      async batch(stmts: InStatement[]) {
        live();
        return stmts.map((stmt) => execute(stmt));
      },
      // A failed COMMIT leaves SQLite inside the transaction; drizzle then calls rollback().
      async commit() {
        live();
        settled = true;
        execute("COMMIT");
      },
      async rollback() {
        settled = true;
        rollBack();
      },
      close() {
        settled = true;
        rollBack();
      },
      get closed() {
        return settled;
      },
    };
  }

  const client = {
    async execute(stmt: InStatement, args?: InValue[]) {
      return execute(typeof stmt === "string" && args ? { sql: stmt, args } : stmt);
    },
    async transaction(mode?: "write" | "read" | "deferred") {
      return transaction(mode);
    },
    get closed() {
      return !db.open;
    },
    protocol: "file",
  } as unknown as Client;

  return {
    client,
    run: execute,
    get inTransaction() {
      return db.open && db.inTransaction;
    },
    totalChanges() {
      return Number(execute("SELECT total_changes() AS n").rows[0]?.n);
    },
    close() {
      kept.clear();
      if (db.open) db.close();
    },
  };
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: unknown[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows,
      rowsAffected,
      lastInsertRowid: lastInsertRowid?.toString(),
    }),
  } as ResultSet;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// As @libsql/client's `intMode: "number"`: integers come back as numbers, or a RangeError.
function valueFromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

/** A row's values, behind the index getters of its statement's row class (`rowMaker`). */
class SqlRow {
  readonly #values: unknown[];
  constructor(values: unknown[]) {
    this.#values = values;
  }
  static valueAt(row: SqlRow, index: number): unknown {
    return row.#values[index];
  }
  static lengthOf(row: SqlRow): number {
    return row.#values.length;
  }
}

/**
 * Rows as @libsql/client shapes them: column names as enumerable properties (the first of two
 * alike wins), indexes and `length` readable but not enumerable, so `Object.keys`, spreading and
 * JSON see the names and drizzle's `Array.prototype.slice.call(row)` the values.
 *
 * Why a class per statement: @libsql/client (and this file before) defined every index and name
 * with `Object.defineProperty` on a fresh object, two calls a column for every row, ~3 % of the
 * referrals process under intake (the call-back scheduler's UPDATE … RETURNING rows of 25
 * columns). Here the indexes are getters on the statement's prototype and the names plain
 * assignments in one fixed order, so every row of a statement shares one hidden class.
 */
function rowMaker(columns: string[]): (values: unknown[]) => unknown {
  const Row = class extends SqlRow {};
  Object.defineProperty(Row.prototype, "length", {
    get(this: SqlRow) {
      return SqlRow.lengthOf(this);
    },
  });
  for (let i = 0; i < columns.length; i++) {
    Object.defineProperty(Row.prototype, i, {
      get(this: SqlRow) {
        return SqlRow.valueAt(this, i);
      },
    });
  }
  const named = columns.flatMap((column, i) => (columns.indexOf(column) === i ? [[column, i] as const] : []));
  return (raw) => {
    const values = raw.map(valueFromSql);
    const row = new Row(values) as unknown as Record<string, unknown>;
    for (const [column, i] of named) row[column] = values[i];
    return row;
  };
}

function valueToSql(value: InValue): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    }
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
};

// As @libsql/client: the base code (`SQLITE_FULL`), the extended one, the raw number, the cause.
function mapSqliteError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) {
    const raw = error.rawCode;
    const base = raw === undefined ? 0xff : raw & 0xff;
    const code = raw === undefined ? "SQLITE_UNKNOWN" : (BASE_CODES[base] ?? `SQLITE_UNKNOWN_${base}`);
    return new LibsqlError(error.message, code, error.code, raw, error);
  }
  return error;
}
