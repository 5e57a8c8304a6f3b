// What every service's statistics read asks of its database in the same way: the rows of a period,
// and reads by a long list of ids in chunks.
import { and, gte, lt, type SQL, type SQLWrapper } from "drizzle-orm";

/** `column` falls in [start, end): the bounds of `periodBounds` or `periodDates`, which sort as text. */
export function inPeriod(column: SQLWrapper, bounds: { start: string; end: string }): SQL {
  return and(gte(column, bounds.start), lt(column, bounds.end))!;
}

/** SQLite bounds the variables of one statement: an IN list is read 500 ids at a time. */
const CHUNK = 500;

/** `read` over `ids` in chunks, the rows of every chunk in order. */
export async function readInChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>) {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await read(ids.slice(i, i + CHUNK))));
  return rows;
}
