// Finding cells by id, the address every edit operation uses.

import { OprelError } from "../../errors.js";
import { copyObject } from "../disk-form.js";
import { randomCellId } from "../ids.js";
import { joinMultiline } from "../multiline.js";
import type { Cell, Notebook } from "../types.js";

/**
 * Id to position, per cells array. Arrays are never changed after they are made (edits make new
 * ones), so an index stays right for its array; replaceCells hands it on when the ids stay put.
 */
const positions = new WeakMap<readonly Cell[], Map<string, number>>();

function positionsOf(cells: readonly Cell[]): Map<string, number> {
  let index = positions.get(cells);
  if (!index) {
    index = new Map();
    for (let i = cells.length - 1; i >= 0; i--) index.set((cells[i] as Cell).id, i);
    positions.set(cells, index);
  }
  return index;
}

export function findCellIndex(notebook: Notebook, id: string): number {
  const index = positionsOf(notebook.cells).get(id);
  // Checked, so an array changed in place after all gives a right answer, found the slow way.
  if (index !== undefined && notebook.cells[index]?.id === id) return index;
  return notebook.cells.findIndex((cell) => cell.id === id);
}

export function findCell(notebook: Notebook, id: string): Cell | undefined {
  return notebook.cells[findCellIndex(notebook, id)];
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
  const known = positions.get(notebook.cells);
  if (known && remove === 1 && cells.length === 1 && cells[0]?.id === notebook.cells[index]?.id)
    positions.set(next, known);
  return Object.assign(copyObject(notebook), { cells: next });
}
