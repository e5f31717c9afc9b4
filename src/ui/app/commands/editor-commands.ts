// Edit-mode commands: the text buffer's own actions, plus the ones that need the kernel
// (completion, inspection, the syntax check) or the document (split, leaving edit mode).

import { editorWrapOf } from "../../editor/cell-rows.js";
import { commandToAction } from "../../editor/commands.js";
import { applyCompletion, cursorOffset, split, tabIntent } from "../../editor/cursor.js";
import { bufferText, type TextBufferAction, textBufferReducer } from "../../editor/text-buffer.js";
import { oneLine } from "../../session/messages.js";
import type { NotebookSession } from "../../session/notebook-session.js";
import type { AppStore } from "../app-store.js";
import { enterEdit, leaveEdit } from "../edit-mode.js";
import { scheduleSyntaxCheck } from "./syntax-check.js";

/** Applies a buffer action to the edited cell, dropping kernel answers about the old text. */
export function editBuffer(session: NotebookSession, action: TextBufferAction): void {
  const editing = session.editing;
  if (!editing) return;
  const buffer = textBufferReducer(editing.buffer, action);
  const changed = buffer.revision !== editing.buffer.revision;
  session.editing = {
    ...editing,
    buffer,
    completion: undefined,
    tooltip: undefined,
    syntax: changed ? undefined : editing.syntax,
  };
  if (changed) scheduleSyntaxCheck(session);
}

export function editorCommand(
  store: AppStore,
  session: NotebookSession,
  command: string,
  pageRows: number,
): boolean {
  const editing = session.editing;
  if (!editing) return false;
  const completion = editing.completion;
  if (completion && acceptOrBrowse(session, command)) {
    store.repaint();
    return true;
  }
  const cell = session.doc.notebook.cells[session.doc.cursor];
  const action = commandToAction(command, {
    pageRows,
    wrap: editorWrapOf(editing.cellId),
    autoIndent: cell?.cell_type === "code" ? "python" : "keep",
  });
  if (action) {
    editBuffer(session, action);
    store.repaint();
    return true;
  }
  switch (command) {
    case "mode.command":
      if (editing.completion || editing.tooltip) {
        session.editing = { ...editing, completion: undefined, tooltip: undefined };
        store.repaint();
      } else leaveEdit(session);
      return true;
    case "editor.tab":
      if (tabIntent(editing.buffer) === "indent") editBuffer(session, { type: "tab" });
      else void complete(store, session);
      store.repaint();
      return true;
    case "editor.inspect":
      void inspect(store, session);
      return true;
    case "editor.split": {
      const { before } = split(editing.buffer);
      const text = bufferText(editing.buffer);
      leaveEdit(session);
      session.dispatch({ type: "setSource", index: session.doc.cursor, source: text });
      session.dispatch({ type: "split", offset: before.length });
      enterEdit(session);
      return true;
    }
    default:
      return false;
  }
}

/** With the completion popup open: arrows and Tab browse, Enter accepts. */
function acceptOrBrowse(session: NotebookSession, command: string): boolean {
  const editing = session.editing;
  const completion = editing?.completion;
  if (!editing || !completion) return false;
  const count = completion.matches.length;
  const browse = (by: number) => {
    session.editing = {
      ...editing,
      completion: { ...completion, selected: (completion.selected + by + count) % count },
    };
  };
  if (command === "editor.down" || command === "editor.tab") browse(1);
  else if (command === "editor.up") browse(-1);
  else if (command === "editor.newline") {
    const text = completion.matches[completion.selected] ?? "";
    session.editing = {
      ...editing,
      completion: undefined,
      buffer: applyCompletion(editing.buffer, {
        start: completion.start,
        end: completion.end,
        text,
      }),
    };
  } else return false;
  return true;
}

async function complete(store: AppStore, session: NotebookSession): Promise<void> {
  const kernel = session.kernel.kernel;
  const editing = session.editing;
  if (!kernel || !editing) {
    store.say("Completion needs the kernel, which is not running yet.");
    return;
  }
  const text = bufferText(editing.buffer);
  const { index } = cursorOffset(editing.buffer);
  try {
    const reply = await kernel.complete(text, index);
    const now = session.editing;
    if (!now || now.buffer.revision !== editing.buffer.revision) return; // typed on meanwhile
    const matches = reply.matches.slice(0, 200);
    if (matches.length === 0) store.say("No completions.");
    else if (matches.length === 1) {
      session.editing = {
        ...now,
        buffer: applyCompletion(now.buffer, {
          start: reply.cursor_start,
          end: reply.cursor_end,
          text: matches[0] as string,
        }),
      };
    } else {
      session.editing = {
        ...now,
        completion: { matches, selected: 0, start: reply.cursor_start, end: reply.cursor_end },
      };
    }
    store.repaint();
  } catch (error) {
    store.say(oneLine(error), "error");
  }
}

async function inspect(store: AppStore, session: NotebookSession): Promise<void> {
  const kernel = session.kernel.kernel;
  const editing = session.editing;
  if (!kernel || !editing) return;
  try {
    const reply = await kernel.inspect(
      bufferText(editing.buffer),
      cursorOffset(editing.buffer).index,
    );
    const now = session.editing;
    if (!now) return;
    const text = reply.found ? String(reply.data["text/plain"] ?? "") : "";
    if (!text) store.say("Nothing to show for the name under the cursor.");
    else session.editing = { ...now, tooltip: text };
    store.repaint();
  } catch (error) {
    store.say(oneLine(error), "error");
  }
}
