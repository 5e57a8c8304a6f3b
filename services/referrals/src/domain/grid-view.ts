// A grid version as readers are shown it: its definition, its version and the highest score it allows.
import type { StoredGrid } from "../db/criticality-grids.js";
import { type GridDefinition, maxScore } from "./criticality.js";

export interface GridView extends GridDefinition {
  version: number;
  maxScore: number;
  publishedAt: string;
}

export function gridView(grid: StoredGrid): GridView {
  return {
    version: grid.version,
    ...grid.definition,
    maxScore: maxScore(grid.definition),
    publishedAt: grid.publishedAt,
  };
}
