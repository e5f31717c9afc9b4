// Small in-memory notebooks for tests: code cells given as [id, source] pairs.

import type { Cell, Notebook } from "../../src/notebook/index.js";

export function codeNotebook(...cells: Array<[id: string, source: string]>): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(
      ([id, source]): Cell => ({
        id,
        cell_type: "code",
        source,
        metadata: {},
        execution_count: null,
        outputs: [],
      }),
    ),
  };
}
