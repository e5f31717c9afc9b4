// What the app asks of the buffer when it talks to the kernel or splits a cell: the cursor as an
// offset into the whole text, the text on each side of it, Tab's meaning, and completions.

import { toCodePoints, toUtf16 } from "../../kernel/code-points.js";
import {
  bufferText,
  offsetOfPosition,
  type Snapshot,
  selectionRange,
  type TextBufferState,
  textBufferReducer,
} from "./text-buffer.js";

export interface CursorOffset {
  /** UTF-16 index into bufferText (what Kernel.complete/inspect take). */
  readonly index: number;
  /** The same position in code points (what Jupyter's protocol counts). */
  readonly codePoints: number;
}

export function cursorOffset(state: Snapshot): CursorOffset {
  const index = offsetOfPosition(state, state.cursor);
  let codePoints = 0;
  for (let row = 0; row < state.cursor.row; row++) {
    const line = state.lines[row] as string;
    codePoints += toCodePoints(line, line.length) + 1;
  }
  codePoints += toCodePoints(state.lines[state.cursor.row] ?? "", state.cursor.col);
  return { index, codePoints };
}

/** The text before and after the cursor, for splitting the cell in two. */
export function split(state: Snapshot): { before: string; after: string } {
  const { row, col } = state.cursor;
  const line = state.lines[row] ?? "";
  return {
    before: state.lines.slice(0, row).concat(line.slice(0, col)).join("\n"),
    after: [line.slice(col)].concat(state.lines.slice(row + 1)).join("\n"),
  };
}

/** Tab indents when only spaces stand before the cursor (or lines are selected); else it asks
 *  the kernel for completions, as JupyterLab does. */
export function tabIntent(state: Snapshot): "indent" | "complete" {
  const range = selectionRange(state);
  if (range) return "indent";
  const line = state.lines[state.cursor.row] ?? "";
  return line.slice(0, state.cursor.col).trim() === "" ? "indent" : "complete";
}

export interface Completion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Replaces [start, end) of the whole text with the chosen completion (one undo step).
 *  `unit` says how start/end count: "utf16" as Kernel.complete returns them, or "codePoints"
 *  as a raw Jupyter reply does. */
export function applyCompletion(
  state: TextBufferState,
  completion: Completion,
  unit: "utf16" | "codePoints" = "utf16",
): TextBufferState {
  let { start, end } = completion;
  if (unit === "codePoints") {
    const text = bufferText(state);
    start = toUtf16(text, start);
    end = toUtf16(text, end);
  }
  return textBufferReducer(state, { type: "replace", start, end, text: completion.text });
}
