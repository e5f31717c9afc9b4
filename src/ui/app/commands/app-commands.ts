// Commands about files, tabs and the app: save, quit (asking about unsaved work), open a notebook
// from a prompt with path completion, close a tab (its worker stops), help and the pager.

import { resolve } from "node:path";
import { createTextBuffer } from "../../editor/text-buffer.js";
import { createPager } from "../../pager/pager-state.js";
import { oneLine } from "../../session/messages.js";
import type { NotebookSession } from "../../session/notebook-session.js";
import type { AppStore } from "../app-store.js";
import { openNotebook, saveSession } from "../files.js";
import { askStdin } from "../stdin-prompt.js";

export function appCommand(
  store: AppStore,
  session: NotebookSession | undefined,
  command: string,
): boolean {
  switch (command) {
    case "file.save":
      if (session) void saveSession(store, session);
      return true;
    case "app.quit":
      quit(store);
      return true;
    case "tab.next":
    case "tab.prev": {
      store.switchTab(command === "tab.next" ? 1 : -1);
      const now = store.session;
      if (now?.stdin) askStdin(store, now);
      return true;
    }
    case "tab.open":
      promptOpen(store);
      return true;
    case "tab.close":
      if (session) closeTab(store, session);
      return true;
    case "help.show":
      store.open({ kind: "help", scroll: 0 });
      return true;
    case "registry.show":
      store.open({ kind: "registry", cursor: 0 });
      return true;
    case "cell.openPager": {
      const cell = session?.doc.notebook.cells[session.doc.cursor];
      if (session && cell?.cell_type === "code" && cell.outputs.length > 0) {
        const view = session.outputs.of(cell);
        const width = Math.max(20, store.size.cols - 1);
        const height = Math.max(3, store.size.rows - 4);
        if (view)
          store.open({
            kind: "pager",
            state: createPager(view.lineSource(width), width, height, "top"),
          });
      } else store.say("This cell has no output to page through.");
      return true;
    }
    default:
      return false;
  }
}

function quit(store: AppStore): void {
  const unsaved = store.sessions.filter((session) => session.dirty);
  if (unsaved.length === 0) {
    store.exit(0);
    return;
  }
  const names = unsaved.map((session) => session.name).join(", ");
  store.open({
    kind: "choice",
    question: `Unsaved changes in ${names}.`,
    choices: [
      {
        key: "s",
        label: "save and quit",
        run: async () => {
          for (const session of unsaved) if (!(await saveSession(store, session))) return;
          store.exit(0);
        },
      },
      { key: "d", label: "discard changes and quit", run: () => store.exit(0) },
      { key: "c", label: "cancel", run: () => undefined },
    ],
  });
}

function closeTab(store: AppStore, session: NotebookSession): void {
  const close = () => {
    store.removeSession(session);
    void session.close();
    if (store.sessions.length === 0) store.exit(0);
  };
  if (!session.dirty) {
    close();
    return;
  }
  store.open({
    kind: "choice",
    question: `${session.name} has unsaved changes.`,
    choices: [
      {
        key: "s",
        label: "save and close",
        run: async () => {
          if (await saveSession(store, session)) close();
        },
      },
      { key: "d", label: "discard and close", run: close },
      { key: "c", label: "cancel", run: () => undefined },
    ],
  });
}

function promptOpen(store: AppStore): void {
  store.open({
    kind: "prompt",
    purpose: "open",
    label: "Open notebook: ",
    buffer: createTextBuffer(""),
    password: false,
    submit: async (text) => {
      const path = text.trim();
      if (!path) return;
      const already = store.sessions.findIndex((session) => session.path === resolve(path));
      if (already !== -1) {
        store.active = already;
        store.repaint();
        return;
      }
      try {
        await openNotebook(store, path);
      } catch (error) {
        store.say(oneLine(error), "error");
      }
    },
  });
}
