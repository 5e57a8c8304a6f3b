// Statements whose SQL is built once per shape, for the writes a request makes on every call
// (an intake's rows, its outbox events, its audit row, its idempotency key).
//
// Why: drizzle builds a statement's SQL afresh on every call (`is()` checks, column walks,
// string assembly): ~15 % of the referrals intake profile for ~8 statements a request, more than
// SQLite spent running them. Inside `Database.write` on a `file:` database, `insertRows` and
// `prepared` build the SQL once per shape and run it on the write connection's kept statements;
// anywhere else (a read connection, a server URL, a transaction the write did not hand out) they
// are plain drizzle, so they are always correct and only faster where it counts.
import {
  type Column,
  DrizzleQueryError,
  getTableColumns,
  getTableName,
  is,
  Param,
  Placeholder,
  sql,
} from "drizzle-orm";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Executor } from "./database.js";
import type { WriteConnection } from "./write-connection.js";

/** The write connection behind a transaction `Database.write` handed to a write function. */
export interface FastWriter {
  connection: WriteConnection;
  /** drizzle over the write connection, for `prepared` (only ever run inside a write). */
  db: LibSQLDatabase<Record<string, unknown>>;
  prepared: Map<string, unknown>;
}

const writers = new WeakMap<object, FastWriter>();

/** Called by the group committer around each write function (database.ts). */
export function handOut(tx: object, writer: FastWriter): void {
  writers.set(tx, writer);
}

export function takeBack(tx: object): void {
  writers.delete(tx);
}

type Slot = { row: number; key: string; column: Column } | { constant: unknown };
interface Shape {
  sql: string;
  slots: Slot[];
}

// Shapes are pure SQL text: the same for every database, so kept per table for the process.
const shapes = new WeakMap<SQLiteTable, Map<string, Shape | null>>();

/**
 * `INSERT INTO table VALUES (…), (…)` of `rows`, as `tx.insert(table).values(rows)` does, with the
 * SQL built once per table, row count and set of columns given.
 *
 * A column left out of a row gets drizzle's default as usual, except that a shape is never kept
 * when a left-out column has a `$defaultFn`/`$onUpdateFn` (its value would be computed once and
 * reused): such inserts stay plain drizzle.
 */
export async function insertRows<T extends SQLiteTable>(
  tx: Executor,
  table: T,
  rows: T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const writer = writers.get(tx);
  if (!writer) {
    await tx.insert(table).values(rows);
    return;
  }
  const first = rows[0] as Record<string, unknown>;
  const keys = Object.keys(first).filter((key) => first[key] !== undefined);
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    let given = 0;
    for (const key in row) if (row[key] !== undefined) given++;
    if (given !== keys.length || keys.some((key) => row[key] === undefined)) {
      // Rows that name different columns: drizzle lines them up.
      await tx.insert(table).values(rows);
      return;
    }
  }
  const shape = shapeOf(tx, table, keys, rows.length);
  if (!shape) {
    await tx.insert(table).values(rows);
    return;
  }
  const args = shape.slots.map((slot) => {
    if ("constant" in slot) return slot.constant;
    const value = (rows[slot.row] as Record<string, unknown>)[slot.key];
    return value === null ? null : slot.column.mapToDriverValue(value);
  });
  try {
    writer.connection.run({ sql: shape.sql, args: args as never[] });
  } catch (error) {
    // As drizzle reports it: the statement, and SQLite's error (a LibsqlError) as the cause.
    throw new DrizzleQueryError(shape.sql, args, error as Error);
  }
}

function shapeOf(tx: Executor, table: SQLiteTable, keys: string[], count: number): Shape | null {
  let byKey = shapes.get(table);
  if (!byKey) {
    byKey = new Map();
    shapes.set(table, byKey);
  }
  const shapeKey = `${count}|${keys.join(",")}`;
  const known = byKey.get(shapeKey);
  if (known !== undefined) return known;
  const shape = buildShape(tx, table, keys, count);
  byKey.set(shapeKey, shape);
  return shape;
}

function buildShape(tx: Executor, table: SQLiteTable, keys: string[], count: number): Shape | null {
  const columns: Record<string, Column> = getTableColumns(table);
  for (const [key, column] of Object.entries(columns)) {
    if (keys.includes(key)) continue;
    const computed = column as Column & { defaultFn?: unknown; onUpdateFn?: unknown };
    if (computed.defaultFn !== undefined || computed.onUpdateFn !== undefined) return null;
  }
  const placeholders = Array.from({ length: count }, (_, row) =>
    Object.fromEntries(keys.map((key) => [key, sql.placeholder(`${row}:${key}`)])),
  );
  const query = tx
    .insert(table)
    .values(placeholders as never)
    .toSQL();
  const slots: Slot[] = query.params.map((param) => {
    if (is(param, Param) && is(param.value, Placeholder)) {
      const name = param.value.name;
      const at = name.indexOf(":");
      const key = name.slice(at + 1);
      const column = columns[key];
      if (!column) throw new Error(`insertRows: ${getTableName(table)} has no column ${key}`);
      return { row: Number(name.slice(0, at)), key, column };
    }
    if (is(param, Placeholder)) throw new Error("insertRows: an unencoded placeholder");
    return { constant: param };
  });
  return { sql: query.sql, slots };
}

interface Preparable<P> {
  prepare(): P;
}

/**
 * drizzle's prepared form of the query `build` makes (with `sql.placeholder(...)` for every value
 * that changes), built once per `key` and database inside a write; plain drizzle elsewhere.
 * Run it at once with its values: `prepared(tx, "x", (db) => db.select()…).all({ id })`.
 *
 * `key` names the shape: one key, one SQL text. A placeholder's value goes through its column's
 * encoder as drizzle's prepared statements do (mind that they encode null too: give boolean or
 * JSON columns that may be null a literal, not a placeholder).
 */
export function prepared<P>(tx: Executor, key: string, build: (db: Executor) => Preparable<P>): P {
  const writer = writers.get(tx);
  if (!writer) return build(tx).prepare();
  let query = writer.prepared.get(key) as P | undefined;
  if (!query) {
    query = build(writer.db).prepare();
    writer.prepared.set(key, query);
  }
  return query;
}
