// Statistical disclosure control for count tables: primary suppression of small cells, then
// complementary suppression until no suppressed small cell can be worked out from what is
// published, by any linear combination of the published figures (subtracting totals included).
//
// A *family* is a set of tables that count the same units over the same rows, each splitting a
// row's units into its own categories (a partition): "referrals per municipality" split by the
// victim's consent, by the author's consent, by routing. The tables share their row totals and
// their grand total, so they are protected together: a row total published by one table is
// published for all of them.
//
// The method (docs/architecture.md, "Evaluation statistics"):
// 1. primary: every cell, row total, column total and grand total with 0 < n < threshold is
//    suppressed (zeros are published: they say that nobody is there, not who is);
// 2. audit: the published figures and the table equations (each row of each table sums to the
//    shared row total, each column to its column total, the column totals and the row totals to
//    the grand total) form a linear system in the suppressed values. A suppressed value is
//    *disclosed* when it is fixed by that system — when its unit vector is in the row space of
//    the system restricted to the suppressed values. That is checked exactly (reduced row
//    echelon form of a 0/±1 matrix);
// 3. complementary: while a small cell is disclosed, suppress one more figure of an equation it
//    sits in — the one that costs least (a small non-zero interior cell before a total, a total
//    before a zero) among those that make it undisclosed; if none does alone, the cheapest, and
//    audit again. Each round suppresses one more figure, so it ends.
//
// Pure and deterministic: the same table always gets the same pattern.

export interface CountTable {
  id: string;
  categories: readonly string[];
  /** `cells[row][category]`: non-negative whole numbers. */
  cells: readonly (readonly number[])[];
  /**
   * This table splits another table's categories finer: in every row, each group's `child`
   * categories of this table sum to its `parent` categories of `table` (e.g. "referred to a CPAS"
   * + "referred to a CAW" = "referred elsewhere"). The audit knows these equations too, so a
   * figure hidden in one table is never given away by the finer or the coarser one.
   */
  refines?: Refinement;
}

export interface Refinement {
  table: string;
  groups: readonly { parent: readonly string[]; child: readonly string[] }[];
}

export interface Family {
  rows: readonly string[];
  tables: readonly CountTable[];
}

/** A published figure: the count, or `null` when suppressed. */
export type Cell = number | null;

export interface ProtectedTable {
  id: string;
  categories: string[];
  rows: { key: string; cells: Cell[]; total: Cell }[];
  totals: Cell[];
  total: Cell;
}

interface Entry {
  value: number;
  /** Interior cells are cheaper to give up than totals, zeros protect least (their bound is 0). */
  kind: "cell" | "total" | "grand";
}

const EPSILON = 1e-9;

export function protectFamily(family: Family, threshold: number): ProtectedTable[] {
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError("threshold must be a whole number ≥ 1");
  const layout = layOut(family);
  const suppressed = new Set<number>();
  const sensitive: number[] = [];
  layout.entries.forEach((entry, index) => {
    if (entry.value > 0 && entry.value < threshold) {
      suppressed.add(index);
      sensitive.push(index);
    }
  });
  for (;;) {
    if (closeCycles(layout, suppressed, sensitive)) continue;
    const disclosed = disclosedOf(layout.equations, suppressed, sensitive);
    if (disclosed.length === 0) break;
    const target = disclosed[0] as number;
    // Its own equations' figures first; when those are all hidden already, any other figure.
    const near = candidatesFor(layout, target, suppressed);
    const candidates = near.length > 0 ? near : othersBy(layout, suppressed);
    if (candidates.length === 0) break; // nothing left to hide
    const helping = candidates.find((candidate) => {
      const trial = new Set(suppressed).add(candidate);
      return !disclosedOf(layout.equations, trial, [target]).includes(target);
    });
    suppressed.add(helping ?? (candidates[0] as number));
  }
  return layout.publish(suppressed);
}

function layOut(family: Family) {
  const entries: Entry[] = [];
  const add = (value: number, kind: Entry["kind"]) => {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`counts must be whole numbers ≥ 0, got ${value}`);
    entries.push({ value, kind });
    return entries.length - 1;
  };
  const rowCount = family.rows.length;
  const first = family.tables[0];
  const rowTotals = family.rows.map((_, r) => (first ? sum(first.cells[r] ?? []) : 0));
  const grand = sum(rowTotals);
  const rowIndex = rowTotals.map((value) => add(value, "total"));
  const grandIndex = add(grand, "grand");
  const equations: number[][][] = []; // each: [[entry, coefficient], ...]
  equations.push([...rowIndex.map((i) => [i, 1]), [grandIndex, -1]]);
  const tables = family.tables.map((table) => {
    if (table.cells.length !== rowCount) throw new RangeError(`table ${table.id}: one line of cells per row`);
    const cellIndex = table.cells.map((line, r) => {
      if (line.length !== table.categories.length)
        throw new RangeError(`table ${table.id}: one cell per category in row ${r}`);
      if (sum(line) !== rowTotals[r])
        throw new RangeError(`table ${table.id}: row ${r} does not partition the family's units`);
      return line.map((value) => add(value, "cell"));
    });
    const columnIndex = table.categories.map((_, c) =>
      add(sum(table.cells.map((line) => line[c] ?? 0)), "total"),
    );
    cellIndex.forEach((line, r) => {
      equations.push([...line.map((i) => [i, 1]), [rowIndex[r] as number, -1]]);
    });
    columnIndex.forEach((column, c) => {
      equations.push([...cellIndex.map((line) => [line[c] as number, 1]), [column, -1]]);
    });
    equations.push([...columnIndex.map((i) => [i, 1]), [grandIndex, -1]]);
    // The table as a bipartite graph: rows (and the margin row) × categories (and the margin
    // column); every figure is an edge. A hidden figure is safe within the table exactly when it
    // lies on a cycle of hidden figures (then adding and taking away round the cycle changes no
    // published figure).
    const margin = family.rows.length;
    const sigma = table.categories.length;
    const edges: Edge[] = [];
    cellIndex.forEach((line, r) => {
      line.forEach((entry, c) => {
        edges.push({ entry, row: r, column: c });
      });
    });
    rowIndex.forEach((entry, r) => {
      edges.push({ entry, row: r, column: sigma });
    });
    columnIndex.forEach((entry, c) => {
      edges.push({ entry, row: margin, column: c });
    });
    edges.push({ entry: grandIndex, row: margin, column: sigma });
    return { table, cellIndex, columnIndex, grid: { rows: margin + 1, columns: sigma + 1, edges } };
  });
  for (const { table, cellIndex, columnIndex } of tables) {
    if (!table.refines) continue;
    const { table: parentId, groups } = table.refines;
    const parent = tables.find((t) => t.table.id === parentId);
    if (!parent) throw new RangeError(`table ${table.id} refines ${parentId}, which is not in the family`);
    const columnsOf = (of: CountTable, names: readonly string[]) =>
      names.map((name) => {
        const c = of.categories.indexOf(name);
        if (c < 0) throw new RangeError(`table ${of.id} has no category ${name}`);
        return c;
      });
    for (const group of groups) {
      const parentColumns = columnsOf(parent.table, group.parent);
      const childColumns = columnsOf(table, group.child);
      const link = (line: readonly number[], parentLine: readonly number[]) => [
        ...parentColumns.map((c) => [parentLine[c] as number, 1]),
        ...childColumns.map((c) => [line[c] as number, -1]),
      ];
      family.rows.forEach((_, r) => {
        const values = (of: CountTable, columns: number[]) =>
          sum(columns.map((c) => (of.cells[r] as readonly number[])[c] as number));
        if (values(parent.table, parentColumns) !== values(table, childColumns))
          throw new RangeError(`table ${table.id}: row ${r} does not refine ${parentId}`);
        equations.push(link(cellIndex[r] as number[], parent.cellIndex[r] as number[]));
      });
      equations.push(link(columnIndex, parent.columnIndex));
    }
  }
  const publish = (suppressed: ReadonlySet<number>): ProtectedTable[] => {
    const shown = (index: number): Cell => (suppressed.has(index) ? null : (entries[index] as Entry).value);
    return tables.map(({ table, cellIndex, columnIndex }) => ({
      id: table.id,
      categories: [...table.categories],
      rows: family.rows.map((key, r) => ({
        key,
        cells: (cellIndex[r] as number[]).map(shown),
        total: shown(rowIndex[r] as number),
      })),
      totals: columnIndex.map(shown),
      total: shown(grandIndex),
    }));
  };
  const shared = new Set([...rowIndex, grandIndex]);
  return { entries, equations, publish, grids: tables.map((t) => t.grid), shared };
}

interface Edge {
  entry: number;
  row: number;
  column: number;
}

interface Grid {
  rows: number;
  columns: number;
  edges: Edge[];
}

/**
 * Puts every hidden small figure, and every hidden shared total, on a cycle of hidden figures in
 * each table it belongs to, hiding the cheapest path that closes one. Answers whether it hid more.
 */
function closeCycles(layout: Layout, suppressed: Set<number>, sensitive: readonly number[]): boolean {
  const wanted = new Set(sensitive);
  for (const entry of suppressed) if (layout.shared.has(entry)) wanted.add(entry);
  let changed = false;
  for (const grid of layout.grids) {
    for (const edge of grid.edges) {
      if (!wanted.has(edge.entry)) continue;
      const path = cheapestPath(grid, edge, (entry) => (suppressed.has(entry) ? 0 : costOf(layout, entry)));
      for (const entry of path) {
        if (!suppressed.has(entry)) {
          suppressed.add(entry);
          changed = true;
        }
      }
    }
  }
  return changed;
}

/** Dijkstra from the edge's row node to its column node, not through the edge itself. */
function cheapestPath(grid: Grid, through: Edge, cost: (entry: number) => number): number[] {
  const nodes = grid.rows + grid.columns; // rows first, then columns
  const distance = new Array<number>(nodes).fill(Number.POSITIVE_INFINITY);
  const via = new Array<Edge | undefined>(nodes).fill(undefined);
  const done = new Array<boolean>(nodes).fill(false);
  const start = through.row;
  const goal = grid.rows + through.column;
  distance[start] = 0;
  const adjacent = new Map<number, Edge[]>();
  for (const edge of grid.edges) {
    if (edge.entry === through.entry) continue;
    for (const node of [edge.row, grid.rows + edge.column]) {
      const list = adjacent.get(node) ?? [];
      list.push(edge);
      adjacent.set(node, list);
    }
  }
  for (;;) {
    let node = -1;
    for (let n = 0; n < nodes; n++) {
      if (!done[n] && (node === -1 || (distance[n] as number) < (distance[node] as number))) node = n;
    }
    if (node === -1 || distance[node] === Number.POSITIVE_INFINITY) return [];
    if (node === goal) break;
    done[node] = true;
    for (const edge of adjacent.get(node) ?? []) {
      const other = node < grid.rows ? grid.rows + edge.column : edge.row;
      const next = (distance[node] as number) + cost(edge.entry);
      if (next < (distance[other] as number)) {
        distance[other] = next;
        via[other] = edge;
      }
    }
  }
  const path: number[] = [];
  for (let node = goal; node !== start; ) {
    const edge = via[node] as Edge;
    path.push(edge.entry);
    node = node < grid.rows ? grid.rows + edge.column : edge.row;
  }
  return path;
}

function costOf(layout: Layout, index: number): number {
  const entry = layout.entries[index] as Entry;
  if (entry.value === 0) return 1e9 + index;
  // The grand total is what a report is read for: hidden only when nothing else will do.
  const base = entry.kind === "cell" ? 1e4 : entry.kind === "total" ? 1e7 : 1e8;
  return base + entry.value * 100 + index / 1e6;
}

type Layout = ReturnType<typeof layOut>;

/** Unsuppressed figures that share an equation with `target`, cheapest first. */
function candidatesFor(layout: Layout, target: number, suppressed: ReadonlySet<number>) {
  const found = new Set<number>();
  for (const equation of layout.equations) {
    if (!equation.some(([entry]) => entry === target)) continue;
    for (const [entry] of equation) if (!suppressed.has(entry as number)) found.add(entry as number);
  }
  return byCost(layout, found);
}

function othersBy(layout: Layout, suppressed: ReadonlySet<number>) {
  return byCost(
    layout,
    layout.entries.map((_, i) => i).filter((i) => !suppressed.has(i)),
  );
}

function byCost(layout: Layout, found: Iterable<number>) {
  return [...found].sort((a, b) => costOf(layout, a) - costOf(layout, b));
}

/**
 * The entries of `targets` (all suppressed) whose value the published figures fix. The system
 * restricted to suppressed values is brought to reduced row echelon form; a value is fixed when
 * its column holds a pivot whose row has no other non-zero coefficient.
 */
export function disclosedOf(
  equations: readonly (readonly (readonly number[])[])[],
  suppressed: ReadonlySet<number>,
  targets: readonly number[],
): number[] {
  const columns = [...suppressed].sort((a, b) => a - b);
  const columnOf = new Map(columns.map((entry, i) => [entry, i]));
  const matrix: number[][] = [];
  for (const equation of equations) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    for (const [entry, coefficient] of equation) {
      const column = columnOf.get(entry as number);
      if (column === undefined) continue;
      row[column] = (row[column] ?? 0) + (coefficient as number);
      any = true;
    }
    if (any) matrix.push(row);
  }
  const pivotRowOf = reduce(matrix, columns.length);
  return targets.filter((target) => {
    const column = columnOf.get(target);
    if (column === undefined) return false;
    const pivotRow = pivotRowOf.get(column);
    if (pivotRow === undefined) return false;
    const row = matrix[pivotRow] as number[];
    return row.every((value, c) => c === column || Math.abs(value) < EPSILON);
  });
}

/** Gauss–Jordan elimination in place; answers pivot column → its row. */
function reduce(matrix: number[][], width: number): Map<number, number> {
  const pivots = new Map<number, number>();
  let next = 0;
  for (let column = 0; column < width && next < matrix.length; column++) {
    let best = next;
    for (let r = next + 1; r < matrix.length; r++) {
      if (
        Math.abs((matrix[r] as number[])[column] as number) >
        Math.abs((matrix[best] as number[])[column] as number)
      )
        best = r;
    }
    const bestRow = matrix[best] as number[];
    if (Math.abs(bestRow[column] as number) < EPSILON) continue;
    [matrix[next], matrix[best]] = [bestRow, matrix[next] as number[]];
    const pivotRow = matrix[next] as number[];
    const pivot = pivotRow[column] as number;
    for (let c = 0; c < width; c++) pivotRow[c] = (pivotRow[c] as number) / pivot;
    for (let r = 0; r < matrix.length; r++) {
      if (r === next) continue;
      const row = matrix[r] as number[];
      const factor = row[column] as number;
      if (Math.abs(factor) < EPSILON) continue;
      for (let c = 0; c < width; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
    pivots.set(column, next);
    next++;
  }
  return pivots;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
