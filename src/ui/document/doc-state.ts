// The notebook document as the terminal UI edits it: the notebook, the focused cell, a selection
// (anchor to cursor, as JupyterLab's Shift+J/K makes), the mode, and the undo history.

import type { Notebook } from "../../notebook/index.js";
import { emptyHistory, type History } from "./history.js";

export type Mode = "command" | "edit";

export interface DocState {
  notebook: Notebook;
  /** Index of the focused cell; always valid (a document always has at least one cell). */
  cursor: number;
  /** The other end of a multi-cell selection, or null. */
  anchor: number | null;
  mode: Mode;
  history: History;
}

export function createDocState(notebook: Notebook): DocState {
  return { notebook, cursor: 0, anchor: null, mode: "command", history: emptyHistory };
}

/** The selected cell indexes as an inclusive range, low to high. */
export function selectionRange(state: DocState): [number, number] {
  const other = state.anchor ?? state.cursor;
  return [Math.min(other, state.cursor), Math.max(other, state.cursor)];
}

export function focusedCell(state: DocState) {
  return state.notebook.cells[state.cursor];
}
