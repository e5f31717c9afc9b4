// Running cells: the selection, everything, above or below, and restart-and-run-all; and the
// kernel's own commands. Every run goes through the global queue exactly as the headless runner's
// and the assistant's do.

import { selectionRange } from "../../document/doc-state.js";
import type { NotebookSession } from "../../session/notebook-session.js";
import type { AppStore } from "../app-store.js";
import { commitEdit, enterEdit, leaveEdit } from "../edit-mode.js";
import { pickKernel } from "../kernel-picker.js";

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function runSelection(session: NotebookSession): [number, number] {
  if (session.editing) leaveEdit(session);
  const [low, high] = selectionRange(session.doc);
  session.run(range(low, high + 1));
  return [low, high];
}

export function runCommand(store: AppStore, session: NotebookSession, command: string): boolean {
  const cells = () => session.doc.notebook.cells.length;
  switch (command) {
    case "run.inPlace":
      runSelection(session);
      return true;
    case "run.advance": {
      const [, high] = runSelection(session);
      if (high + 1 >= cells()) {
        // Past the last cell JupyterLab adds a fresh one and starts editing it.
        session.dispatch({ type: "moveTo", index: high });
        session.dispatch({ type: "insert", where: "below" });
        enterEdit(session);
      } else session.dispatch({ type: "moveTo", index: high + 1 });
      return true;
    }
    case "run.insertBelow": {
      const [, high] = runSelection(session);
      session.dispatch({ type: "moveTo", index: high });
      session.dispatch({ type: "insert", where: "below" });
      enterEdit(session);
      return true;
    }
    case "run.all":
      commitEdit(session);
      session.run(range(0, cells()));
      return true;
    case "run.above":
      commitEdit(session);
      session.run(range(0, session.doc.cursor));
      return true;
    case "run.below":
      commitEdit(session);
      session.run(range(session.doc.cursor, cells()));
      return true;
    case "kernel.change":
      commitEdit(session);
      void pickKernel(store, session);
      return true;
    case "kernel.interrupt":
      session.interrupt();
      store.say("Interrupted.");
      return true;
    case "kernel.restart":
    case "kernel.restartRunAll": {
      commitEdit(session);
      const runAll = command === "kernel.restartRunAll";
      store.say("Restarting the kernel…");
      void session.kernel.restart().then(() => {
        store.say(
          session.kernel.problem ?? "The kernel restarted.",
          session.kernel.problem ? "error" : "info",
        );
        if (runAll && !session.kernel.problem) session.run(range(0, cells()));
      });
      return true;
    }
    default:
      return false;
  }
}
