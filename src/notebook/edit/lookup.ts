// Finding cells by id, the address every edit operation uses.

import { OprelError } from "../../errors.js";
import { randomCellId } from "../ids.js";
import { joinMultiline } from "../multiline.js";
import type { Cell, Notebook } from "../types.js";

export function findCellIndex(notebook: Notebook, id: string): number {
  return notebook.cells.findIndex((cell) => cell.id === id);
}

export function findCell(notebook: Notebook, id: string): Cell | undefined {
  return notebook.cells.find((cell) => cell.id === id);
}

/** The index of the cell with this id; CELL_NOT_FOUND when there is none. */
export function requireCellIndex(notebook: Notebook, id: string): number {
  const index = findCellIndex(notebook, id);
  if (index === -1) {
    throw new OprelError(
      "CELL_NOT_FOUND",
      `No cell has the id '${id}'`,
      "The notebook may have changed since the id was read; look the cell up again.",
    );
  }
  return index;
}

/** The cell's source as one string, whichever form it is stored in. */
export function cellSource(cell: Cell): string {
  return joinMultiline(cell.source);
}

/** An id no cell of this notebook uses yet. */
export function newCellId(notebook: Notebook): string {
  return randomCellId(new Set(notebook.cells.map((cell) => cell.id)));
}

/** The notebook with cells[index] replaced (or several cells, for splice-like edits). */
export function replaceCells(
  notebook: Notebook,
  index: number,
  remove: number,
  ...cells: Cell[]
): Notebook {
  const next = notebook.cells.slice();
  next.splice(index, remove, ...cells);
  return { ...notebook, cells: next };
}
