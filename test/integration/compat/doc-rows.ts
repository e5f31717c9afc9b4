// How docs/compatibility.md writes each allow-list entry, so the test can hold the two in step.
// Rows are compared cell by cell, trimmed, so the table's column padding does not matter.

import type { KnownDifference } from "./known-differences.js";

export function docRow(known: KnownDifference): string[] {
  const cell =
    known.cell === null ? "—" : Array.isArray(known.cell) ? known.cell.join("–") : known.cell;
  return [known.notebook, String(cell), known.field, `\`${known.reason}\``];
}

/** Rows of the allow-list table in the document: a notebook, a cell, a field and a reason id. */
export function docRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells.length === 4 && cells[0]?.endsWith(".ipynb"));
}
