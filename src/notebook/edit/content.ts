// Edits inside one cell: its source, its type, its outputs, its metadata.

import { copyObject } from "../disk-form.js";
import type { Cell, CellType, JsonObject, Notebook } from "../types.js";
import { invalidEdit } from "./invalid-edit.js";
import { cellSource, replaceCells, requireCellIndex } from "./lookup.js";
import { checkCellType, makeCell } from "./make-cell.js";

/** Replaces the cell with `update(cell)`; the update must return a new object, not mutate. */
export function updateCell(notebook: Notebook, id: string, update: (cell: Cell) => Cell): Notebook {
  const index = requireCellIndex(notebook, id);
  return replaceCells(notebook, index, 1, update(notebook.cells[index] as Cell));
}

/**
 * A copy of a cell, metadata or any JSON object with some fields changed. Use it instead of spread
 * syntax: the numbers of the untouched fields keep how the file wrote them (1.0, huge integers).
 * A field given as undefined is left out when saving.
 */
export function withFields<T extends object>(object: T, fields: Partial<T>): T {
  return Object.assign(copyObject(object), fields);
}

export function setSource(notebook: Notebook, id: string, source: string): Notebook {
  return updateCell(notebook, id, (cell) => withFields(cell, { source }));
}

export function setCellMetadata(notebook: Notebook, id: string, metadata: JsonObject): Notebook {
  return updateCell(notebook, id, (cell) => withFields(cell, { metadata }));
}

/**
 * Changes a cell's type, keeping its id, source and metadata. Leaving code drops the outputs and
 * execution count; becoming code adds empty ones. Markdown and raw cells keep their attachments;
 * a cell with attachments cannot become code (nbformat has no place for them there).
 */
export function changeCellType(notebook: Notebook, id: string, type: CellType): Notebook {
  checkCellType(type);
  return updateCell(notebook, id, (cell) => {
    if (cell.cell_type === type) return cell;
    const attachments = cell.cell_type === "code" ? undefined : cell.attachments;
    if (type === "code" && attachments !== undefined && Object.keys(attachments).length > 0) {
      throw invalidEdit(
        `Cell '${id}' has attachments, which a code cell cannot keep`,
        "Move the attached images to another markdown cell first.",
      );
    }
    return makeCell(type, {
      id: cell.id,
      source: cellSource(cell),
      metadata: cell.metadata,
      attachments: type === "code" ? undefined : attachments,
    });
  });
}

/** Clears the outputs and execution count of one code cell, or of every code cell. */
export function clearOutputs(notebook: Notebook, id?: string): Notebook {
  const clear = (cell: Cell): Cell =>
    cell.cell_type === "code" && (cell.outputs.length > 0 || cell.execution_count !== null)
      ? withFields(cell, { outputs: [], execution_count: null })
      : cell;
  if (id !== undefined) return updateCell(notebook, id, clear);
  return { ...notebook, cells: notebook.cells.map(clear) };
}
