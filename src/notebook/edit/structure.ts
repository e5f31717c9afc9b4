// Edits that change which cells there are and in what order: insert, delete, move.

import { isValidCellId } from "../ids.js";
import type { CellType, JsonObject, Notebook } from "../types.js";
import { invalidEdit } from "./invalid-edit.js";
import { findCellIndex, newCellId, replaceCells, requireCellIndex } from "./lookup.js";
import { checkCellType, makeCell } from "./make-cell.js";

/** Where a new cell goes: an index (0 = first, cells.length = last), or next to a cell. */
export type CellPosition = number | { before: string } | { after: string };

export interface NewCell {
  /** Default: code. */
  cell_type?: CellType;
  source?: string;
  metadata?: JsonObject;
  /** Only for markdown and raw cells. */
  attachments?: JsonObject;
  /** Default: a fresh random id. Must be valid and unused. */
  id?: string;
}

export function insertCell(notebook: Notebook, at: CellPosition, cell: NewCell = {}): Notebook {
  const index = insertionIndex(notebook, at);
  const type = cell.cell_type ?? "code";
  checkCellType(type);
  if (cell.id !== undefined) checkNewId(notebook, cell.id);
  if (type === "code" && cell.attachments !== undefined) {
    throw invalidEdit("A code cell cannot have attachments", "Attach images to a markdown cell.");
  }
  const made = makeCell(type, {
    id: cell.id ?? newCellId(notebook),
    source: cell.source ?? "",
    metadata: cell.metadata ?? {},
    attachments: cell.attachments,
  });
  return replaceCells(notebook, index, 0, made);
}

function insertionIndex(notebook: Notebook, at: CellPosition): number {
  if (typeof at === "number") {
    if (!Number.isInteger(at) || at < 0 || at > notebook.cells.length) {
      throw invalidEdit(
        `Cannot insert a cell at position ${at}`,
        `The notebook has ${notebook.cells.length} cells; use a position from 0 to ${notebook.cells.length}.`,
      );
    }
    return at;
  }
  return "before" in at
    ? requireCellIndex(notebook, at.before)
    : requireCellIndex(notebook, at.after) + 1;
}

export function checkNewId(notebook: Notebook, id: string): void {
  if (!isValidCellId(id)) {
    throw invalidEdit(
      `'${id}' is not a valid cell id`,
      "Cell ids are 1 to 64 letters, digits, '-' or '_'; leave the id out to get a fresh one.",
    );
  }
  if (findCellIndex(notebook, id) !== -1) {
    throw invalidEdit(
      `The cell id '${id}' is already used`,
      "Leave the id out to get a fresh one.",
    );
  }
}

export function deleteCell(notebook: Notebook, id: string): Notebook {
  return replaceCells(notebook, requireCellIndex(notebook, id), 1);
}

/**
 * Moves a cell to a final position (0 = first), or one step "up" or "down". A step past either end
 * leaves the notebook as it is (the same object), as Jupyter's move commands do.
 */
export function moveCell(notebook: Notebook, id: string, to: number | "up" | "down"): Notebook {
  const from = requireCellIndex(notebook, id);
  const last = notebook.cells.length - 1;
  let target: number;
  if (to === "up" || to === "down") {
    target = Math.min(Math.max(from + (to === "up" ? -1 : 1), 0), last);
  } else if (Number.isInteger(to) && to >= 0 && to <= last) {
    target = to;
  } else {
    throw invalidEdit(
      `Cannot move a cell to position ${to}`,
      `The notebook has ${notebook.cells.length} cells; use a position from 0 to ${last}.`,
    );
  }
  if (target === from) return notebook;
  const cells = notebook.cells.slice();
  const [cell] = cells.splice(from, 1);
  if (cell) cells.splice(target, 0, cell);
  return { ...notebook, cells };
}
