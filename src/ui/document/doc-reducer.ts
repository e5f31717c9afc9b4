// The notebook document reducer: every notebook operation of the terminal UI, pure. Structural
// operations become range changes recorded in the undo history; recording outputs and moving the
// cursor do not. New cells are made by the src/notebook edit functions, so they are valid nbformat.

import {
  type Cell,
  type CellType,
  cellSource,
  changeCellType,
  copyObject,
  insertCell,
  type JsonObject,
  mergeCells,
  type Notebook,
  newCellId,
  setCellMetadata,
  setSource,
  splitCell,
} from "../../notebook/index.js";
import { applyChange, type RangeChange, smallestChange } from "./cell-range.js";
import { type DocState, type Mode, selectionRange } from "./doc-state.js";
import { recordEntry, replay } from "./history.js";

export type DocAction =
  | { type: "move"; by: number }
  | { type: "moveTo"; index: number }
  | { type: "extend"; by: number }
  | { type: "setMode"; mode: Mode }
  | { type: "insert"; where: "above" | "below"; cellType?: CellType; source?: string }
  | { type: "deleteSelection" }
  | { type: "paste"; cells: readonly Cell[] }
  | { type: "setType"; cellType: CellType }
  | { type: "merge" }
  | { type: "split"; offset: number }
  | { type: "setSource"; index: number; source: string }
  | { type: "moveCells"; by: -1 | 1 }
  | { type: "toggleOutput" }
  | { type: "undo" }
  | { type: "redo" }
  /** Outputs recorded by a run: the same cells in the same order, so no history entry. */
  | { type: "recorded"; notebook: Notebook }
  /** Cells replaced by another front end's edit (the assistant's accepted round): one undo step. */
  | { type: "replaceCells"; notebook: Notebook; label: string }
  /** The notebook's metadata replaced (a change of kernel): not undone, as in JupyterLab. */
  | { type: "setMetadata"; metadata: JsonObject }
  /** A document replaced wholesale (reload from disk, restore a recovery copy): history restarts. */
  | { type: "replace"; notebook: Notebook };

export function docReducer(state: DocState, action: DocAction): DocState {
  switch (action.type) {
    case "move":
      return { ...state, cursor: clampIndex(state, state.cursor + action.by), anchor: null };
    case "moveTo":
      return { ...state, cursor: clampIndex(state, action.index), anchor: null };
    case "extend":
      return {
        ...state,
        anchor: state.anchor ?? state.cursor,
        cursor: clampIndex(state, state.cursor + action.by),
      };
    case "setMode":
      return state.mode === action.mode ? state : { ...state, mode: action.mode, anchor: null };
    case "insert":
      return insertOne(state, action.where, action.cellType ?? "code", action.source ?? "");
    case "deleteSelection":
      return deleteSelection(state);
    case "paste":
      return pasteCells(state, action.cells);
    case "setType":
      return setType(state, action.cellType);
    case "merge":
      return merge(state);
    case "split":
      return split(state, action.offset);
    case "setSource":
      return setCellSource(state, action.index, action.source);
    case "moveCells":
      return moveSelection(state, action.by);
    case "toggleOutput":
      return toggleOutput(state);
    case "undo":
    case "redo":
      return travel(state, action.type);
    case "replaceCells":
      return replaceCells(state, action.notebook, action.label);
    case "recorded":
      return { ...state, notebook: action.notebook };
    case "setMetadata":
      return { ...state, notebook: { ...state.notebook, metadata: action.metadata } };
    case "replace":
      return {
        ...state,
        notebook: action.notebook,
        cursor: Math.min(state.cursor, Math.max(0, action.notebook.cells.length - 1)),
        anchor: null,
        history: { past: [], future: [] },
      };
  }
}

function clampIndex(state: DocState, index: number): number {
  return Math.min(Math.max(index, 0), state.notebook.cells.length - 1);
}

/** Applies changes as one undo step and puts the cursor at `cursorAfter`. */
function commit(
  state: DocState,
  label: string,
  changes: RangeChange[],
  cursorAfter: number,
): DocState {
  let notebook = state.notebook;
  for (const change of changes) notebook = applyChange(notebook, change);
  const history = recordEntry(state.history, {
    label,
    changes,
    cursorBefore: state.cursor,
    cursorAfter,
  });
  const cursor = Math.min(Math.max(cursorAfter, 0), notebook.cells.length - 1);
  return { ...state, notebook, history, cursor, anchor: null };
}

/** A fresh cell made by the notebook's own edit function (valid nbformat, unused id). */
function makeFresh(notebook: Notebook, cellType: CellType, source: string, reserved?: Set<string>) {
  let id = newCellId(notebook);
  while (reserved?.has(id)) id = newCellId(notebook);
  const made = insertCell(notebook, 0, { cell_type: cellType, source, id });
  return made.cells[0] as Cell;
}

function insertOne(state: DocState, where: "above" | "below", type: CellType, source: string) {
  const at = where === "above" ? state.cursor : state.cursor + 1;
  const cell = makeFresh(state.notebook, type, source);
  return commit(state, "insert cell", [{ at, removed: [], added: [cell] }], at);
}

function deleteSelection(state: DocState): DocState {
  const [low, high] = selectionRange(state);
  const removed = state.notebook.cells.slice(low, high + 1);
  // A notebook keeps at least one cell, as JupyterLab does.
  const everything = removed.length === state.notebook.cells.length;
  const added = everything ? [makeFresh(state.notebook, "code", "")] : [];
  const label = removed.length === 1 ? "delete cell" : `delete ${removed.length} cells`;
  return commit(state, label, [{ at: low, removed, added }], low);
}

function pasteCells(state: DocState, cells: readonly Cell[]): DocState {
  if (cells.length === 0) return state;
  // Pasted cells get fresh ids: the originals may still be in the notebook.
  const reserved = new Set<string>();
  const added = cells.map((cell) => {
    const fresh = makeFresh(state.notebook, cell.cell_type, "", reserved);
    reserved.add(fresh.id);
    return { ...structuredClone(cell), id: fresh.id } as Cell;
  });
  const at = state.cursor + 1;
  const label = added.length === 1 ? "paste cell" : `paste ${added.length} cells`;
  return commit(state, label, [{ at, removed: [], added }], at + added.length - 1);
}

function setType(state: DocState, type: CellType): DocState {
  const [low, high] = selectionRange(state);
  const removed = state.notebook.cells.slice(low, high + 1);
  if (removed.every((cell) => cell.cell_type === type)) return state;
  let changed = state.notebook;
  for (const cell of removed) changed = changeCellType(changed, cell.id, type);
  const added = changed.cells.slice(low, high + 1);
  return commit(state, `make ${type}`, [{ at: low, removed, added }], state.cursor);
}

function merge(state: DocState): DocState {
  let [low, high] = selectionRange(state);
  if (low === high) high = low + 1; // a single cell merges with the one below, as in JupyterLab
  if (high >= state.notebook.cells.length) return state;
  const removed = state.notebook.cells.slice(low, high + 1);
  const merged = mergeCells(
    state.notebook,
    removed.map((cell) => cell.id),
  );
  const added = [merged.cells[low] as Cell];
  return commit(state, "merge cells", [{ at: low, removed, added }], low);
}

function split(state: DocState, offset: number): DocState {
  const cell = state.notebook.cells[state.cursor] as Cell;
  const after = splitCell(state.notebook, cell.id, offset);
  const added = after.cells.slice(state.cursor, state.cursor + 2);
  return commit(
    state,
    "split cell",
    [{ at: state.cursor, removed: [cell], added }],
    state.cursor + 1,
  );
}

function setCellSource(state: DocState, index: number, source: string): DocState {
  const cell = state.notebook.cells[index];
  if (!cell || cellSource(cell) === source) return state;
  const added = [setSource(state.notebook, cell.id, source).cells[index] as Cell];
  return commit(state, "edit cell", [{ at: index, removed: [cell], added }], state.cursor);
}

/** The cursor stays on its cell when the cell survives, else at the start of the changed range. */
function replaceCells(state: DocState, notebook: Notebook, label: string): DocState {
  const change = smallestChange(state.notebook, notebook);
  if (!change) return state;
  const focused = state.notebook.cells[state.cursor]?.id;
  const kept = notebook.cells.findIndex((cell) => cell.id === focused);
  return commit(state, label, [change], kept === -1 ? change.at : kept);
}

function moveSelection(state: DocState, by: -1 | 1): DocState {
  const [low, high] = selectionRange(state);
  const cells = state.notebook.cells;
  if ((by < 0 && low === 0) || (by > 0 && high === cells.length - 1)) return state;
  const start = by < 0 ? low - 1 : low;
  const end = by < 0 ? high : high + 1;
  const removed = cells.slice(start, end + 1);
  const block = cells.slice(low, high + 1);
  const other = by < 0 ? cells[low - 1] : cells[high + 1];
  const added = by < 0 ? [...block, other as Cell] : [other as Cell, ...block];
  const next = commit(state, "move cells", [{ at: start, removed, added }], state.cursor + by);
  return state.anchor === null ? next : { ...next, anchor: state.anchor + by };
}

function toggleOutput(state: DocState): DocState {
  const [low, high] = selectionRange(state);
  const removed = state.notebook.cells.slice(low, high + 1);
  const hide = !removed.every(outputsHidden);
  let changed = state.notebook;
  for (const cell of removed) {
    if (cell.cell_type !== "code") continue;
    // JupyterLab keeps this in metadata.jupyter.outputs_hidden, so the file remembers it.
    // copyObject keeps how the file wrote the numbers of these objects (1.0 stays 1.0).
    const old = cell.metadata.jupyter;
    const jupyter = copyObject(old && typeof old === "object" && !Array.isArray(old) ? old : {}, [
      "outputs_hidden",
    ]) as JsonObject;
    if (hide) jupyter.outputs_hidden = true;
    const metadata = copyObject(cell.metadata, ["jupyter"]);
    if (Object.keys(jupyter).length > 0) metadata.jupyter = jupyter;
    changed = setCellMetadata(changed, cell.id, metadata);
  }
  const added = changed.cells.slice(low, high + 1);
  const next = commit(
    state,
    hide ? "hide output" : "show output",
    [{ at: low, removed, added }],
    state.cursor,
  );
  return { ...next, anchor: state.anchor };
}

export function outputsHidden(cell: Cell): boolean {
  const jupyter = cell.metadata.jupyter;
  return (
    typeof jupyter === "object" &&
    jupyter !== null &&
    !Array.isArray(jupyter) &&
    jupyter.outputs_hidden === true
  );
}

function travel(state: DocState, direction: "undo" | "redo"): DocState {
  const from = direction === "undo" ? state.history.past : state.history.future;
  const entry = from[from.length - 1];
  if (!entry) return state;
  const result = replay(state.notebook, entry, direction);
  const rest = from.slice(0, -1);
  const history =
    direction === "undo"
      ? { past: rest, future: [...state.history.future, result.entry] }
      : { past: [...state.history.past, result.entry], future: rest };
  const target = direction === "undo" ? entry.cursorBefore : entry.cursorAfter;
  const cursor = Math.min(Math.max(target, 0), result.notebook.cells.length - 1);
  return { ...state, notebook: result.notebook, history, cursor, anchor: null };
}
