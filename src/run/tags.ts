// Cell tags that change how the runner treats a cell (papermill and nbclient conventions).

import type { Cell } from "../notebook/types.js";

export const TAG = {
  parameters: "parameters",
  injected: "injected-parameters",
  skip: "skip-execution",
  raises: "raises-exception",
  errorMarker: "papermill-error-cell-tag",
} as const;

export function hasTag(cell: Cell, tag: string): boolean {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

export function findTagged(cells: readonly Cell[], tag: string): number {
  return cells.findIndex((cell) => hasTag(cell, tag));
}
