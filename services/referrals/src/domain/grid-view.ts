// A grid version as readers are shown it: its definition, its version and the highest score it allows.
import { type GridDefinition, maxScore } from "./criticality.js";

export interface GridView extends GridDefinition {
  version: number;
  maxScore: number;
  publishedAt: string;
}

export function gridView(grid: {
  version: number;
  definition: GridDefinition;
  publishedAt: string;
}): GridView {
  return {
    version: grid.version,
    ...grid.definition,
    maxScore: maxScore(grid.definition),
    publishedAt: grid.publishedAt,
  };
}
