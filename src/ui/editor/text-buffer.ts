// The cell text buffer: a pure reducer over lines, a cursor, an optional selection and an undo
// history. Every edit goes through `commit`, which records at most one undo step, so a paste of
// 10,000 lines is one step and costs one split and one array concat, never a per-character loop.

import { columnOf, indexAtColumn } from "./glyphs.js";
import {
  nextBoundary,
  prevBoundary,
  snapForward,
  wordEndAfter,
  wordStartBefore,
} from "./graphemes.js";
import { coalesces, type EditKind, type Position, pushStep, type Snapshot } from "./history.js";
import { type AutoIndent, editKindOf, newlineText, previousIndentStop } from "./indent.js";
import { visualColumn, visualTarget } from "./visual-move.js";

export type { Position, Snapshot } from "./history.js";

export const INDENT = "    ";

export interface TextBufferState extends Snapshot {
  /** Display column that up/down (and page up/down) try to keep, or null to use the cursor's. */
  readonly preferredColumn: number | null;
  readonly undoStack: readonly Snapshot[];
  readonly redoStack: readonly Snapshot[];
  readonly lastEdit: EditKind | null;
  /** Grows with every change of the text (undo and redo included): cheap change detection. */
  readonly revision: number;
}

export type Motion =
  | "left"
  | "right"
  | "up"
  | "down"
  | "wordLeft"
  | "wordRight"
  | "home"
  | "end"
  | "docStart"
  | "docEnd"
  | "pageUp"
  | "pageDown";

export type TextBufferAction =
  | { type: "insert"; text: string }
  | { type: "paste"; text: string }
  | { type: "newline"; autoIndent?: AutoIndent }
  | { type: "backspace" }
  | { type: "delete" }
  | { type: "deleteWordBack" }
  /** `wrap`: the columns the editor wraps at; Up and Down then move by visual rows. */
  | { type: "move"; motion: Motion; select?: boolean; rows?: number; wrap?: number }
  | { type: "moveTo"; position: Position; select?: boolean }
  | { type: "selectAll" }
  | { type: "indent" }
  | { type: "dedent" }
  | { type: "tab" }
  /** Replace UTF-16 offsets [start, end) of the whole text; one undo step. */
  | { type: "replace"; start: number; end: number; text: string }
  | { type: "undo" }
  | { type: "redo" };

const DEFAULT_PAGE_ROWS = 10;

/** Lines split on any line ending; the buffer holds no CR. */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function createTextBuffer(text = ""): TextBufferState {
  return {
    lines: splitLines(text),
    cursor: { row: 0, col: 0 },
    anchor: null,
    preferredColumn: null,
    undoStack: [],
    redoStack: [],
    lastEdit: null,
    revision: 0,
  };
}

export function bufferText(state: Snapshot): string {
  return state.lines.join("\n");
}

function lineAt(state: Snapshot, row: number): string {
  return state.lines[row] ?? "";
}

function comparePositions(a: Position, b: Position): number {
  return a.row - b.row || a.col - b.col;
}

/** The selection as ordered positions, or null when none (or empty). */
export function selectionRange(state: Snapshot): { start: Position; end: Position } | null {
  const { anchor, cursor } = state;
  if (!anchor || comparePositions(anchor, cursor) === 0) return null;
  return comparePositions(anchor, cursor) < 0
    ? { start: anchor, end: cursor }
    : { start: cursor, end: anchor };
}

export function selectedText(state: Snapshot): string {
  const range = selectionRange(state);
  if (!range) return "";
  const { start, end } = range;
  if (start.row === end.row) return lineAt(state, start.row).slice(start.col, end.col);
  return [
    lineAt(state, start.row).slice(start.col),
    ...state.lines.slice(start.row + 1, end.row),
    lineAt(state, end.row).slice(0, end.col),
  ].join("\n");
}

/** A row/column position for a UTF-16 offset into the whole text (clamped). */
export function positionOfOffset(state: Snapshot, offset: number): Position {
  let rest = Math.max(0, offset);
  for (let row = 0; row < state.lines.length; row++) {
    const length = lineAt(state, row).length;
    if (rest <= length) return { row, col: rest };
    rest -= length + 1;
  }
  const row = state.lines.length - 1;
  return { row, col: lineAt(state, row).length };
}

/** The UTF-16 offset of a position in the whole text. */
export function offsetOfPosition(state: Snapshot, position: Position): number {
  let offset = position.col;
  for (let row = 0; row < position.row; row++) offset += lineAt(state, row).length + 1;
  return offset;
}

/** Records the change as (at most) one undo step and returns the new state. */
function commit(state: TextBufferState, next: Snapshot, kind: EditKind): TextBufferState {
  const undoStack = coalesces(state.lastEdit, kind)
    ? state.undoStack
    : pushStep(state.undoStack, { lines: state.lines, cursor: state.cursor, anchor: state.anchor });
  return {
    ...next,
    preferredColumn: null,
    undoStack,
    redoStack: [],
    lastEdit: kind,
    revision: state.revision + 1,
  };
}

/** Lines with [start, end) replaced by `text`, and the position just after the new text. */
function spliceLines(
  lines: readonly string[],
  start: Position,
  end: Position,
  text: string,
): { lines: string[]; after: Position } {
  const before = (lines[start.row] ?? "").slice(0, start.col);
  const rest = (lines[end.row] ?? "").slice(end.col);
  const parts = splitLines(text);
  const last = parts.length - 1;
  const tail = parts[last] as string;
  parts[0] = before + parts[0];
  parts[last] = (parts[last] as string) + rest;
  // concat, not spread: spreading 10,000 elements into a call can overflow the stack.
  const out = lines.slice(0, start.row).concat(parts, lines.slice(end.row + 1));
  const row = start.row + last;
  const col = (last === 0 ? before.length : 0) + tail.length;
  return { lines: out, after: { row, col: snapForward(out[row] as string, col) } };
}

function edit(
  state: TextBufferState,
  start: Position,
  end: Position,
  text: string,
  kind: EditKind,
): TextBufferState {
  if (comparePositions(start, end) === 0 && text === "") return state;
  const { lines, after } = spliceLines(state.lines, start, end, text);
  return commit(state, { lines, cursor: after, anchor: null }, kind);
}

function replaceSelectionOrInsert(
  state: TextBufferState,
  text: string,
  kind: EditKind,
): TextBufferState {
  const range = selectionRange(state);
  if (range) return edit(state, range.start, range.end, text, "other");
  return edit(state, state.cursor, state.cursor, text, kind);
}

function deleteSelection(state: TextBufferState): TextBufferState | null {
  const range = selectionRange(state);
  return range ? edit(state, range.start, range.end, "", "other") : null;
}

function backspace(state: TextBufferState): TextBufferState {
  const selected = deleteSelection(state);
  if (selected) return selected;
  const { row, col } = state.cursor;
  if (col === 0) {
    if (row === 0) return state;
    const above = { row: row - 1, col: lineAt(state, row - 1).length };
    return edit(state, above, state.cursor, "", "other");
  }
  const line = lineAt(state, row);
  const stop = previousIndentStop(line, col);
  const from = stop ?? prevBoundary(line, col);
  return edit(state, { row, col: from }, state.cursor, "", "deletes");
}

function deleteForward(state: TextBufferState): TextBufferState {
  const selected = deleteSelection(state);
  if (selected) return selected;
  const { row, col } = state.cursor;
  const line = lineAt(state, row);
  if (col < line.length) {
    return edit(state, state.cursor, { row, col: nextBoundary(line, col) }, "", "deletes");
  }
  if (row >= state.lines.length - 1) return state;
  return edit(state, state.cursor, { row: row + 1, col: 0 }, "", "other");
}

function deleteWordBack(state: TextBufferState): TextBufferState {
  const selected = deleteSelection(state);
  if (selected) return selected;
  const { row, col } = state.cursor;
  if (col === 0) return backspace(state);
  const from = wordStartBefore(lineAt(state, row), col);
  return edit(state, { row, col: from }, state.cursor, "", "other");
}

function newline(state: TextBufferState, mode: AutoIndent): TextBufferState {
  const start = selectionRange(state)?.start ?? state.cursor;
  const end = selectionRange(state)?.end ?? state.cursor;
  const before = lineAt(state, start.row).slice(0, start.col);
  // A line left holding only indentation is emptied, so blank lines carry no trailing spaces.
  const from = before.trim() === "" ? { row: start.row, col: 0 } : start;
  return edit(state, from, end, newlineText(before, mode), "other");
}

/** Rows an indent or dedent applies to: the selected lines, or the cursor's line. */
function affectedRows(state: Snapshot): { first: number; last: number } {
  const range = selectionRange(state);
  if (!range) return { first: state.cursor.row, last: state.cursor.row };
  const { start, end } = range;
  // A selection ending at column 0 does not include that line.
  const last = end.col === 0 && end.row > start.row ? end.row - 1 : end.row;
  return { first: start.row, last };
}

function shiftLines(state: TextBufferState, direction: 1 | -1): TextBufferState {
  const { first, last } = affectedRows(state);
  const lines = state.lines.slice();
  const shift: number[] = [];
  for (let row = first; row <= last; row++) {
    const line = lines[row] as string;
    let delta = 0;
    if (direction > 0) {
      if (line !== "" || first === last) delta = INDENT.length;
      lines[row] = " ".repeat(delta) + line;
    } else {
      delta = -(line.startsWith("\t") ? 1 : (/^ {0,4}/.exec(line)?.[0].length ?? 0));
      lines[row] = line.slice(-delta);
    }
    shift[row - first] = delta;
  }
  if (shift.every((d) => d === 0)) return state;
  const selecting = selectionRange(state) !== null;
  const moved = (p: Position | null): Position | null => {
    if (!p || p.row < first || p.row > last) return p;
    // A selection edge at column 0 stays there, so whole selected lines stay selected.
    if (selecting && p.col === 0) return p;
    return { row: p.row, col: Math.max(0, p.col + (shift[p.row - first] ?? 0)) };
  };
  const cursor = moved(state.cursor) as Position;
  return commit(state, { lines, cursor, anchor: moved(state.anchor) }, "other");
}

function tab(state: TextBufferState): TextBufferState {
  // With a selection Tab indents its lines, as Ctrl+] does (and as JupyterLab does).
  if (selectionRange(state)) return shiftLines(state, 1);
  const column = columnOf(lineAt(state, state.cursor.row), state.cursor.col);
  const spaces = INDENT.length - (column % INDENT.length);
  return edit(state, state.cursor, state.cursor, " ".repeat(spaces), "other");
}

function target(state: TextBufferState, motion: Motion, rows: number): Position {
  const { row, col } = state.cursor;
  const line = lineAt(state, row);
  const lastRow = state.lines.length - 1;
  const vertical = (to: number): Position => {
    if (to < 0) return { row: 0, col: 0 };
    if (to > lastRow) return { row: lastRow, col: lineAt(state, lastRow).length };
    const wanted = state.preferredColumn ?? columnOf(line, col);
    return { row: to, col: indexAtColumn(lineAt(state, to), wanted) };
  };
  switch (motion) {
    case "left":
      if (col > 0) return { row, col: prevBoundary(line, col) };
      return row > 0 ? { row: row - 1, col: lineAt(state, row - 1).length } : state.cursor;
    case "right":
      if (col < line.length) return { row, col: nextBoundary(line, col) };
      return row < lastRow ? { row: row + 1, col: 0 } : state.cursor;
    case "up":
      return vertical(row - 1);
    case "down":
      return vertical(row + 1);
    case "pageUp":
      return vertical(row === 0 ? -1 : Math.max(0, row - rows));
    case "pageDown":
      return vertical(row === lastRow ? lastRow + 1 : Math.min(lastRow, row + rows));
    case "wordLeft":
      if (col === 0)
        return row > 0 ? { row: row - 1, col: lineAt(state, row - 1).length } : state.cursor;
      return { row, col: wordStartBefore(line, col) };
    case "wordRight":
      if (col === line.length) return row < lastRow ? { row: row + 1, col: 0 } : state.cursor;
      return { row, col: wordEndAfter(line, col) };
    case "home": {
      // Smart home: first the first non-space character, then column 0.
      const indent = line.length - line.trimStart().length;
      return { row, col: col === indent ? 0 : indent };
    }
    case "end":
      return { row, col: line.length };
    case "docStart":
      return { row: 0, col: 0 };
    case "docEnd":
      return { row: lastRow, col: lineAt(state, lastRow).length };
  }
}

const VERTICAL: ReadonlySet<Motion> = new Set(["up", "down", "pageUp", "pageDown"]);

function move(
  state: TextBufferState,
  motion: Motion,
  select: boolean,
  rows: number,
): TextBufferState {
  const range = selectionRange(state);
  // Left/right with a selection and no shift collapse it to its edge, as editors do.
  if (range && !select && (motion === "left" || motion === "right")) {
    const cursor = motion === "left" ? range.start : range.end;
    return { ...state, cursor, anchor: null, preferredColumn: null, lastEdit: null };
  }
  const cursor = target(state, motion, rows);
  const vertical = VERTICAL.has(motion);
  const keepColumn =
    vertical && cursor.row !== state.cursor.row
      ? (state.preferredColumn ?? columnOf(lineAt(state, state.cursor.row), state.cursor.col))
      : null;
  return {
    ...state,
    cursor,
    anchor: select ? (state.anchor ?? state.cursor) : null,
    preferredColumn: keepColumn,
    lastEdit: null,
  };
}

function moveVisually(
  state: TextBufferState,
  direction: "up" | "down",
  select: boolean,
  wrap: number,
): TextBufferState {
  const goal = state.preferredColumn ?? visualColumn(state.lines, state.cursor, wrap);
  return {
    ...state,
    cursor: visualTarget(state.lines, state.cursor, direction, wrap, goal),
    anchor: select ? (state.anchor ?? state.cursor) : null,
    preferredColumn: goal,
    lastEdit: null,
  };
}

function clampPosition(state: Snapshot, position: Position): Position {
  const row = Math.min(Math.max(0, position.row), state.lines.length - 1);
  const line = lineAt(state, row);
  return { row, col: snapForward(line, Math.min(Math.max(0, position.col), line.length)) };
}

/** Undo (back) or redo (forward): the current text goes onto the other stack. */
function travel(state: TextBufferState, direction: "back" | "forward"): TextBufferState {
  const back = direction === "back";
  const from = back ? state.undoStack : state.redoStack;
  const snapshot = from[from.length - 1];
  if (!snapshot) return state;
  const current = { lines: state.lines, cursor: state.cursor, anchor: state.anchor };
  const to = [...(back ? state.redoStack : state.undoStack), current];
  return {
    ...state,
    ...snapshot,
    undoStack: back ? from.slice(0, -1) : to,
    redoStack: back ? to : from.slice(0, -1),
    preferredColumn: null,
    lastEdit: null,
    revision: state.revision + 1,
  };
}

export function textBufferReducer(
  state: TextBufferState,
  action: TextBufferAction,
): TextBufferState {
  switch (action.type) {
    case "insert":
      return replaceSelectionOrInsert(state, action.text, editKindOf(action.text));
    case "paste":
      return replaceSelectionOrInsert(state, action.text, "other");
    case "newline":
      return newline(state, action.autoIndent ?? "python");
    case "backspace":
      return backspace(state);
    case "delete":
      return deleteForward(state);
    case "deleteWordBack":
      return deleteWordBack(state);
    case "move":
      if (action.wrap && (action.motion === "up" || action.motion === "down"))
        return moveVisually(state, action.motion, action.select ?? false, action.wrap);
      return move(state, action.motion, action.select ?? false, action.rows ?? DEFAULT_PAGE_ROWS);
    case "moveTo": {
      const cursor = clampPosition(state, action.position);
      const anchor = action.select ? (state.anchor ?? state.cursor) : null;
      return { ...state, cursor, anchor, preferredColumn: null, lastEdit: null };
    }
    case "selectAll":
      return {
        ...state,
        anchor: { row: 0, col: 0 },
        cursor: target(state, "docEnd", 0),
        preferredColumn: null,
        lastEdit: null,
      };
    case "indent":
      return shiftLines(state, 1);
    case "dedent":
      return shiftLines(state, -1);
    case "tab":
      return tab(state);
    case "replace": {
      const start = positionOfOffset(state, Math.min(action.start, action.end));
      const end = positionOfOffset(state, Math.max(action.start, action.end));
      return edit(state, start, end, action.text, "other");
    }
    case "undo":
      return travel(state, "back");
    case "redo":
      return travel(state, "forward");
  }
}
