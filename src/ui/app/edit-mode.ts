// Entering and leaving edit mode. The text buffer lives only while a cell is edited; its text goes
// into the document as one whole-cell edit (one undo step) when the user leaves the cell, runs
// it or saves.

import { cellSource } from "../../notebook/index.js";
import { bufferText, createTextBuffer, textBufferReducer } from "../editor/text-buffer.js";
import type { NotebookSession } from "../session/notebook-session.js";

export function enterEdit(session: NotebookSession): void {
  const cell = session.doc.notebook.cells[session.doc.cursor];
  if (!cell) return;
  const source = cellSource(cell);
  let buffer = createTextBuffer(source);
  buffer = textBufferReducer(buffer, { type: "move", motion: "docEnd" });
  session.editing = { cellId: cell.id, buffer };
  session.dispatch({ type: "setMode", mode: "edit" });
}

/** Writes the edited text into the document; stays in edit mode. */
export function commitEdit(session: NotebookSession): void {
  const editing = session.editing;
  if (!editing) return;
  const index = session.doc.notebook.cells.findIndex((cell) => cell.id === editing.cellId);
  if (index === -1) return;
  session.dispatch({ type: "setSource", index, source: bufferText(editing.buffer) });
}

export function leaveEdit(session: NotebookSession): void {
  commitEdit(session);
  session.editing = undefined;
  session.dispatch({ type: "setMode", mode: "command" });
}
