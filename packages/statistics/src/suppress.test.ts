import { describe, expect, it } from "vitest";
import { type Family, type ProtectedTable, protectFamily } from "./suppress.js";

const T = 5;

/**
 * The attacker: every table of whole numbers in 0..max that agrees with every published figure
 * and with the family's equations. Answers, per suppressed interior cell ("table:row:col"), the
 * values it can take. Independent of the audit in suppress.ts: plain enumeration.
 */
function feasibleValues(family: Family, published: ProtectedTable[], max: number) {
  const unknown: { t: number; r: number; c: number }[] = [];
  for (const [t, table] of published.entries())
    for (const [r, row] of table.rows.entries())
      for (const [c, cell] of row.cells.entries()) if (cell === null) unknown.push({ t, r, c });
  const seen = new Map<string, Set<number>>(unknown.map(({ t, r, c }) => [`${t}:${r}:${c}`, new Set()]));
  const guess = family.tables.map((table) => table.cells.map((line) => line.map(() => 0)));
  const setGuess = (t: number, r: number, c: number, value: number) => {
    ((guess[t] as number[][])[r] as number[])[c] = value;
  };
  const consistent = () => {
    let grand: number | undefined;
    const rowTotals: number[] = [];
    for (const [t, table] of published.entries()) {
      const cells = guess[t] as number[][];
      for (const [r, row] of table.rows.entries()) {
        for (const [c, cell] of row.cells.entries())
          if (cell !== null && cell !== cells[r]?.[c]) return false;
        const total = (cells[r] as number[]).reduce((a, b) => a + b, 0);
        if (row.total !== null && row.total !== total) return false;
        if (rowTotals[r] === undefined) rowTotals[r] = total;
        else if (rowTotals[r] !== total) return false;
      }
      for (const [c, column] of table.totals.entries()) {
        if (column !== null && column !== cells.reduce((a, line) => a + (line[c] as number), 0)) return false;
      }
      const all = cells.flat().reduce((a, b) => a + b, 0);
      if (table.total !== null && table.total !== all) return false;
      if (grand === undefined) grand = all;
      else if (grand !== all) return false;
    }
    return true;
  };
  // Prune as soon as a row of one table is complete: its sum must fit what is known of it.
  const lastOfRow = new Map<number, { t: number; r: number }>();
  unknown.forEach(({ t, r }, i) => {
    const next = unknown[i + 1];
    if (!next || next.t !== t || next.r !== r) lastOfRow.set(i, { t, r });
  });
  const rowFits = (t: number, r: number) => {
    const total = ((guess[t] as number[][])[r] as number[]).reduce((a, b) => a + b, 0);
    const published_ = published[t]?.rows[r]?.total;
    if (published_ !== null && published_ !== undefined && published_ !== total) return false;
    if (t > 0) {
      // Table 0 is complete by now: unknowns are walked table by table.
      const first = ((guess[0] as number[][])[r] as number[]).reduce((a, b) => a + b, 0);
      if (first !== total) return false;
    }
    return true;
  };
  const walk = (i: number) => {
    if (i > 0 && lastOfRow.has(i - 1)) {
      const { t, r } = lastOfRow.get(i - 1) as { t: number; r: number };
      if (!rowFits(t, r)) return;
    }
    if (i === unknown.length) {
      if (consistent())
        for (const { t, r, c } of unknown) seen.get(`${t}:${r}:${c}`)?.add(guess[t]?.[r]?.[c] as number);
      return;
    }
    const { t, r, c } = unknown[i] as { t: number; r: number; c: number };
    for (let v = 0; v <= max; v++) {
      setGuess(t, r, c, v);
      walk(i + 1);
    }
  };
  // Published interior cells are what they are.
  for (const [t, table] of published.entries())
    for (const [r, row] of table.rows.entries())
      for (const [c, cell] of row.cells.entries()) if (cell !== null) setGuess(t, r, c, cell);
  walk(0);
  return seen;
}

function sensitiveCells(family: Family) {
  const out: string[] = [];
  for (const [t, table] of family.tables.entries())
    for (const [r, line] of table.cells.entries())
      for (const [c, value] of line.entries()) if (value > 0 && value < T) out.push(`${t}:${r}:${c}`);
  return out;
}

/** What every family must withstand: the attacker finds two values or more for each small cell. */
function expectNoSmallCellDerivable(family: Family, published: ProtectedTable[], max: number) {
  const values = feasibleValues(family, published, max);
  for (const cell of sensitiveCells(family)) {
    const tables = JSON.stringify(family.tables.map((t) => t.cells));
    expect(values.get(cell)?.size ?? 0, `${tables} ${cell}`).toBeGreaterThan(1);
  }
}

function nullCount(tables: ProtectedTable[]) {
  return tables
    .flatMap((t) => [...t.rows.flatMap((r) => [...r.cells, r.total]), ...t.totals, t.total])
    .filter((c) => c === null).length;
}

/** One table of a family: its id, its categories (the columns), then its cells row by row. */
function counts(id: string, categories: string[], ...cells: number[][]): Family["tables"][number] {
  return { id, categories, cells };
}

describe("protectFamily", () => {
  it("publishes a table without small cells as it is", () => {
    const family: Family = {
      rows: ["Seraing", "Liège"],
      tables: [counts("consent", ["yes", "no"], [12, 7], [20, 0])],
    };
    const [table] = protectFamily(family, T);
    expect(table).toEqual({
      id: "consent",
      categories: ["yes", "no"],
      rows: [
        { key: "Seraing", cells: [12, 7], total: 19 },
        { key: "Liège", cells: [20, 0], total: 20 },
      ],
      totals: [32, 7],
      total: 39,
    });
  });

  it("hides a small cell and a complement in its row and its column, so no total gives it away", () => {
    const family: Family = {
      rows: ["Seraing", "Liège", "Herstal"],
      tables: [counts("consent", ["yes", "no"], [12, 3], [20, 9], [8, 6])],
    };
    const [table] = protectFamily(family, T) as [ProtectedTable];
    expect(table.rows[0]?.cells[1]).toBeNull();
    // Seraing's row and the "no" column each keep at least two hidden figures.
    expect(
      [...(table.rows[0]?.cells ?? []), table.rows[0]?.total].filter((c) => c === null).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      [...table.rows.map((r) => r.cells[1]), table.totals[1]].filter((c) => c === null).length,
    ).toBeGreaterThanOrEqual(2);
    // The complements are the cheapest: small non-zero interior cells, totals kept (3 + 3 more).
    expect(nullCount([table])).toBe(4);
    expect(table.total).toBe(58);
    const values = feasibleValues(family, [table], 30);
    expect(values.get("0:0:1")?.size).toBeGreaterThan(1);
  });

  it("suppresses a small row total with its cells, and still leaves no cell derivable", () => {
    const family: Family = {
      rows: ["Neupré", "Liège"],
      tables: [counts("routing", ["routed", "unroutable"], [3, 0], [25, 6])],
    };
    const [table] = protectFamily(family, T) as [ProtectedTable];
    expect(table.rows[0]?.cells[0]).toBeNull();
    expect(table.rows[0]?.total).toBeNull();
    expectNoSmallCellDerivable(family, [table], 40);
  });

  it("protects tables that share their row totals together: one table's totals cannot undo another's hiding", () => {
    const family: Family = {
      rows: ["Seraing", "Liège", "Herstal"],
      tables: [
        counts("victimConsent", ["yes", "no"], [2, 9], [15, 6], [7, 7]),
        counts("authorConsent", ["yes", "no"], [6, 5], [11, 10], [8, 6]),
      ],
    };
    const tables = protectFamily(family, T);
    // The author table has no small cell, but Seraing's total may not be published there either.
    expect(tables[0]?.rows[0]?.total).toBe(tables[1]?.rows[0]?.total);
    expectNoSmallCellDerivable(family, tables, 25);
  });

  it("keeps the grand total when cheaper complements exist, across three linked tables", () => {
    const family: Family = {
      rows: ["Bastogne", "Liège", "Seraing"],
      tables: [
        counts("victimConsent", ["yes", "no"], [2, 0], [6, 0], [6, 0]),
        counts("authorConsent", ["yes", "no"], [2, 0], [0, 6], [6, 0]),
        counts("routing", ["routed", "unroutable", "noTask"], [0, 2, 0], [6, 0, 0], [6, 0, 0]),
      ],
    };
    const tables = protectFamily(family, T);
    for (const table of tables) {
      expect(table.total, table.id).toBe(14);
      expect(table.rows[0]?.total, table.id).toBeNull();
    }
    expect(tables[2]?.rows[0]?.cells[1]).toBeNull();
    // Nothing published is a small count.
    const published = tables.flatMap((t) => [...t.rows.flatMap((r) => [...r.cells, r.total]), ...t.totals]);
    expect(published.filter((n) => n !== null && n > 0 && n < T)).toEqual([]);
  });

  it("withstands the attacker on random small tables", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 25; round++) {
      const rows = 2 + Math.floor(random() * 2);
      const family: Family = {
        rows: Array.from({ length: rows }, (_, i) => `r${i}`),
        tables: [
          {
            id: "t",
            categories: ["a", "b"],
            cells: Array.from({ length: rows }, () => [Math.floor(random() * 8), Math.floor(random() * 8)]),
          },
        ],
      };
      const published = protectFamily(family, T);
      expectNoSmallCellDerivable(family, published, 10);
    }
  });

  it("protects a finer table and its coarser one together: neither gives the other's hidden cells away", () => {
    // Call-back outcomes, and the referred ones split by where they were referred to.
    const outcome = counts("outcome", ["referred", "other"], [6, 5], [3, 8]);
    const to = counts("referredTo", ["cpas", "caw", "notReferred"], [0, 6, 5], [3, 0, 8]);
    const refines = {
      table: "outcome",
      groups: [
        { parent: ["referred"], child: ["cpas", "caw"] },
        { parent: ["other"], child: ["notReferred"] },
      ],
    };
    const linked: Family = { rows: ["Seraing", "Liège"], tables: [outcome, { ...to, refines }] };
    // The attacker here enumerates the people themselves: per row, a referred to a CPAS, b to a
    // CAW, o not referred, each 0..12; both tables follow from them, links included. Answers the
    // hidden figures that only one small value fits.
    const figures = (u: readonly number[]) => {
      const rows = [0, 1].map((r) => [u[3 * r] as number, u[3 * r + 1] as number, u[3 * r + 2] as number]);
      const of = (cells: number[][]) => [
        ...cells.flatMap((line) => [...line, line.reduce((x, y) => x + y, 0)]),
        ...(cells[0] as number[]).map((_, c) => cells.reduce((x, line) => x + (line[c] as number), 0)),
        cells.flat().reduce((x, y) => x + y, 0),
      ];
      return [...of(rows.map(([a, b, o]) => [(a as number) + (b as number), o as number])), ...of(rows)];
    };
    const attack = (published: ProtectedTable[]) => {
      const shown = published.flatMap((t) => [
        ...t.rows.flatMap((row) => [...row.cells, row.total]),
        ...t.totals,
        t.total,
      ]);
      const grand = published[0]?.total ?? null;
      const seen = shown.map(() => 0); // bit v set: value v fits
      const u = [0, 0, 0, 0, 0, 0];
      const walk = (i: number, sum: number) => {
        if (i === u.length) {
          if (grand !== null && sum !== grand) return;
          const all = figures(u);
          if (!all.every((v, k) => shown[k] === null || shown[k] === v)) return;
          all.forEach((v, k) => {
            seen[k] = (seen[k] as number) | (1 << v);
          });
          return;
        }
        for (let v = 0; v <= 12 && (grand === null || sum + v <= grand); v++) {
          u[i] = v;
          walk(i + 1, sum + v);
        }
      };
      walk(0, 0);
      return shown.flatMap((v, k) => {
        const bits = seen[k] as number;
        const single = bits !== 0 && (bits & (bits - 1)) === 0 ? Math.log2(bits) : null;
        return v === null && single !== null && single > 0 && single < T ? [k] : [];
      });
    };
    const tables = protectFamily(linked, T);
    expect(attack(tables)).toEqual([]);
    // Without the link, the same data would let the attacker work out Liège's 3 referred.
    const unlinked = protectFamily({ rows: linked.rows, tables: [outcome, to] }, T);
    expect(attack(unlinked).length).toBeGreaterThan(0);
    expect(() =>
      protectFamily(
        {
          rows: ["a"],
          tables: [
            { ...outcome, cells: [[3, 9]] },
            { ...to, cells: [[2, 0, 10]], refines },
          ],
        },
        T,
      ),
    ).toThrow(/refine/);
  });

  it("hides the whole table when one row is all there is", () => {
    const family: Family = {
      rows: ["2026-03"],
      tables: [{ id: "channel", categories: ["email", "sms"], cells: [[9, 2]] }],
    };
    const [table] = protectFamily(family, T) as [ProtectedTable];
    // A single row equals the column totals: hiding 2 means hiding the row total and "sms" total.
    expect(table.rows[0]?.cells).toEqual([null, null]);
    expect(table.totals).toEqual([null, null]);
    expect(table.rows[0]?.total).toBe(11);
    expect(table.total).toBe(11);
  });

  it("takes the threshold as configured and refuses nonsense", () => {
    const family: Family = {
      rows: ["a", "b"],
      tables: [counts("t", ["x", "y"], [6, 8], [9, 10])],
    };
    expect(nullCount(protectFamily(family, 5))).toBe(0);
    expect(nullCount(protectFamily(family, 10))).toBeGreaterThan(0);
    expect(() => protectFamily(family, 0)).toThrow(RangeError);
    expect(() =>
      protectFamily({ rows: ["a"], tables: [{ id: "t", categories: ["x"], cells: [[-1]] }] }, 5),
    ).toThrow(RangeError);
    expect(() =>
      protectFamily(
        {
          rows: ["a"],
          tables: [
            { id: "t", categories: ["x"], cells: [[3]] },
            { id: "u", categories: ["x"], cells: [[4]] },
          ],
        },
        5,
      ),
    ).toThrow(/partition/);
  });
});
