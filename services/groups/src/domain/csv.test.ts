import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.js";

describe("csv", () => {
  it("quotes separators and quotes, and defuses formulas", () => {
    expect(csvCell('said "no", left')).toBe('"said ""no"", left"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(-3)).toBe("-3");
    expect(toCsv(["a", "b"], [["1", null]])).toBe("a,b\r\n1,\r\n");
  });
});
