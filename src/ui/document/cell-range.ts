// A structural change to the cell list, recorded so it can be undone exactly: at index `at`,
// `removed` cells were taken out and `added` cells put in their place. Every notebook operation
// of the terminal UI (insert, delete, move, merge, split, paste, type change, whole-cell edit) is
// one or more of these, so one undo history serves them all.

import type { Cell, Notebook } from "../../notebook/index.js";
import { changedRange } from "../editor/line-diff.js";

export interface RangeChange {
  at: number;
  removed: readonly Cell[];
  added: readonly Cell[];
}

export function applyChange(notebook: Notebook, change: RangeChange): Notebook {
  const cells = notebook.cells.slice();
  cells.splice(change.at, change.removed.length, ...change.added);
  return { ...notebook, cells };
}

/**
 * The change that undoes `change`. A restored code cell keeps the outputs its id has now: outputs
 * recorded after an edit belong to the run that made them, and undoing the edit keeps them.
 */
export function invertChange(notebook: Notebook, change: RangeChange): RangeChange {
  const current = notebook.cells.slice(change.at, change.at + change.added.length);
  const byId = new Map(current.map((cell) => [cell.id, cell]));
  const restored = change.removed.map((cell) => {
    const now = byId.get(cell.id);
    if (cell.cell_type !== "code" || now?.cell_type !== "code") return cell;
    return { ...cell, outputs: now.outputs, execution_count: now.execution_count };
  });
  return { at: change.at, removed: current, added: restored };
}

/**
 * The one range change that turns `before` into `after`: cells equal by identity at both ends are
 * left out, so the history entry holds only what changed. Undefined when nothing did.
 */
export function smallestChange(before: Notebook, after: Notebook): RangeChange | undefined {
  const { start, oldEnd, newEnd } = changedRange(before.cells, after.cells);
  if (start === oldEnd && start === newEnd) return undefined;
  return {
    at: start,
    removed: before.cells.slice(start, oldEnd),
    added: after.cells.slice(start, newEnd),
  };
}
