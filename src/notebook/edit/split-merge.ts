// Splitting one cell in two and merging several into one.
//
// Split, like JupyterLab's "split cell": both parts have the original's type and metadata, and the
// line breaks at the cut are dropped (trailing ones of the first part, leading ones of the second).
// Unlike JupyterLab, which replaces the cell with fresh ones and loses the outputs, the first part
// keeps the id, outputs and execution count, so whoever holds the id still finds the cell; the
// second part gets a new id and no outputs. Attachments are kept on both parts.
//
// Merge: the cells, in notebook order, become the first of them (its id, type and metadata). The
// sources are joined with "\n" (JupyterLab uses a blank line: pass separator "\n\n" for that). A
// merged code cell keeps the outputs of every merged code cell, in order (JupyterLab clears them),
// and has no execution count, since the merged source never ran as one. Markdown and raw cells
// combine their attachments (the first cell's wins on a name clash).

import { copyObject } from "../disk-form.js";
import type { Cell, JsonObject, Notebook } from "../types.js";
import { withFields } from "./content.js";
import { invalidEdit } from "./invalid-edit.js";
import { cellSource, newCellId, replaceCells, requireCellIndex } from "./lookup.js";
import { makeCell } from "./make-cell.js";
import { checkNewId } from "./structure.js";

export interface SplitOptions {
  /** The id of the second part; default a fresh random id. */
  newId?: string;
}

/** Splits a cell at a character offset of its source (a JavaScript string index). */
export function splitCell(
  notebook: Notebook,
  id: string,
  offset: number,
  options: SplitOptions = {},
): Notebook {
  const index = requireCellIndex(notebook, id);
  const cell = notebook.cells[index] as Cell;
  const source = cellSource(cell);
  if (!Number.isInteger(offset) || offset < 0 || offset > source.length) {
    throw invalidEdit(
      `Cannot split cell '${id}' at offset ${offset}`,
      `Its source has ${source.length} characters; use an offset from 0 to ${source.length}.`,
    );
  }
  if (options.newId !== undefined) checkNewId(notebook, options.newId);
  const first = withFields(cell, { source: source.slice(0, offset).replace(/\n+$/, "") });
  const second = makeCell(cell.cell_type, {
    id: options.newId ?? newCellId(notebook),
    source: source.slice(offset).replace(/^\n+/, ""),
    metadata: copyObject(cell.metadata),
    attachments: cell.cell_type === "code" ? undefined : cell.attachments,
  });
  return replaceCells(notebook, index, 1, first, second);
}

export interface MergeOptions {
  /** Put between the merged sources; default "\n". */
  separator?: string;
}

/** Merges a cell with the next one (one id), or the listed cells (two or more ids). */
export function mergeCells(
  notebook: Notebook,
  ids: string | readonly string[],
  options: MergeOptions = {},
): Notebook {
  const indexes = mergeIndexes(notebook, ids);
  const cells = indexes.map((index) => notebook.cells[index] as Cell);
  const [primary] = cells as [Cell, ...Cell[]];
  const source = cells.map(cellSource).join(options.separator ?? "\n");
  let merged: Cell;
  if (primary.cell_type === "code") {
    const lost = cells.find(
      (cell) => cell.cell_type !== "code" && Object.keys(cell.attachments ?? {}).length > 0,
    );
    if (lost) {
      throw invalidEdit(
        `Cell '${lost.id}' has attachments, which the merged code cell cannot keep`,
        "Merge it into a markdown cell instead, or move its attachments first.",
      );
    }
    const outputs = cells.flatMap((cell) => (cell.cell_type === "code" ? cell.outputs : []));
    merged = withFields(primary, { source, outputs, execution_count: null });
  } else {
    const attachments: JsonObject = {};
    for (const cell of cells.slice().reverse()) {
      if (cell.cell_type !== "code") Object.assign(attachments, cell.attachments);
    }
    merged = withFields(primary, { source });
    if (Object.keys(attachments).length > 0) merged = withFields(merged, { attachments });
  }
  const keep = new Set(indexes.slice(1));
  const rest = replaceCells(notebook, indexes[0] as number, 1, merged);
  return { ...rest, cells: rest.cells.filter((_, index) => !keep.has(index)) };
}

function mergeIndexes(notebook: Notebook, ids: string | readonly string[]): number[] {
  if (typeof ids === "string") {
    const index = requireCellIndex(notebook, ids);
    if (index === notebook.cells.length - 1) {
      throw invalidEdit(
        `Cell '${ids}' is the last cell; there is no next cell to merge with`,
        "Merge it with the cell above instead.",
      );
    }
    return [index, index + 1];
  }
  const indexes = [...new Set(ids.map((id) => requireCellIndex(notebook, id)))].sort(
    (a, b) => a - b,
  );
  if (indexes.length < 2)
    throw invalidEdit("Merging needs at least two different cells", "Pass two or more cell ids.");
  return indexes;
}
