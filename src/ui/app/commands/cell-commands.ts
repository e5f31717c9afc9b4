// Command-mode cell operations: moving, selecting, inserting, deleting, clipboard, types, merge,
// output visibility, and notebook undo/redo.

import type { Cell } from "../../../notebook/index.js";
import { selectionRange } from "../../document/doc-state.js";
import type { NotebookSession } from "../../session/notebook-session.js";
import type { AppStore } from "../app-store.js";
import { enterEdit } from "../edit-mode.js";

function copySelection(store: AppStore, session: NotebookSession): number {
  const [low, high] = selectionRange(session.doc);
  store.clipboard = session.doc.notebook.cells
    .slice(low, high + 1)
    .map((cell) => structuredClone(cell) as Cell);
  return store.clipboard.length;
}

export function cellCommand(store: AppStore, session: NotebookSession, command: string): boolean {
  const doc = (action: Parameters<NotebookSession["dispatch"]>[0]) => session.dispatch(action);
  switch (command) {
    case "cell.up":
      doc({ type: "move", by: -1 });
      return true;
    case "cell.down":
      doc({ type: "move", by: 1 });
      return true;
    case "cell.first":
      doc({ type: "moveTo", index: 0 });
      return true;
    case "cell.last":
      doc({ type: "moveTo", index: session.doc.notebook.cells.length - 1 });
      return true;
    case "cell.extendUp":
      doc({ type: "extend", by: -1 });
      return true;
    case "cell.extendDown":
      doc({ type: "extend", by: 1 });
      return true;
    case "cell.moveUp":
      doc({ type: "moveCells", by: -1 });
      return true;
    case "cell.moveDown":
      doc({ type: "moveCells", by: 1 });
      return true;
    case "cell.insertAbove":
      doc({ type: "insert", where: "above" });
      return true;
    case "cell.insertBelow":
      doc({ type: "insert", where: "below" });
      return true;
    case "cell.delete":
      doc({ type: "deleteSelection" });
      return true;
    case "cell.cut": {
      const count = copySelection(store, session);
      doc({ type: "deleteSelection" });
      store.say(count === 1 ? "Cut 1 cell." : `Cut ${count} cells.`);
      return true;
    }
    case "cell.copy": {
      const count = copySelection(store, session);
      store.say(count === 1 ? "Copied 1 cell." : `Copied ${count} cells.`);
      return true;
    }
    case "cell.paste":
      if (store.clipboard.length === 0)
        store.say("Nothing to paste: copy (c) or cut (x) cells first.");
      else doc({ type: "paste", cells: store.clipboard });
      return true;
    case "cell.toMarkdown":
      doc({ type: "setType", cellType: "markdown" });
      return true;
    case "cell.toCode":
      doc({ type: "setType", cellType: "code" });
      return true;
    case "cell.toRaw":
      doc({ type: "setType", cellType: "raw" });
      return true;
    case "cell.merge":
      doc({ type: "merge" });
      return true;
    case "cell.toggleOutput":
      doc({ type: "toggleOutput" });
      return true;
    case "notebook.undo":
    case "notebook.redo": {
      const undo = command === "notebook.undo";
      const stack = undo ? session.doc.history.past : session.doc.history.future;
      const label = stack[stack.length - 1]?.label;
      doc({ type: undo ? "undo" : "redo" });
      store.say(
        label ? `${undo ? "Undid" : "Redid"}: ${label}.` : `Nothing to ${undo ? "undo" : "redo"}.`,
      );
      return true;
    }
    case "mode.edit":
      enterEdit(session);
      return true;
    default:
      return false;
  }
}
