// Opening notebooks (a file, a new one, a recovery copy to restore) and saving them (asking before
// overwriting a file someone else changed). Nothing here ever overwrites a file blindly.

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { isOprelError } from "../../errors.js";
import { loadNotebook, originalMinor } from "../../notebook/index.js";
import type { Opening } from "../index.js";
import { oneLine } from "../session/messages.js";
import { emptyNotebook } from "../session/new-notebook.js";
import { NotebookSession } from "../session/notebook-session.js";
import { discardRecovery, readRecovery } from "../session/recovery.js";
import type { AppStore } from "./app-store.js";
import { commitEdit } from "./edit-mode.js";
import { offerKernels } from "./kernel-picker.js";
import { askStdin } from "./stdin-prompt.js";

let nextId = 0;

/** Opens a notebook in a new tab; a path that does not exist becomes a new notebook. */
export async function openNotebook(store: AppStore, path: string) {
  const loaded = existsSync(path) ? await loadNotebook(path) : undefined;
  return openLoaded(store, { path: resolve(path), loaded });
}

/** Opens a notebook read already (undefined: a new one). */
export async function openLoaded(store: AppStore, opening: Opening) {
  const options = store.openOptions;
  const { path, loaded } = opening;
  const exists = loaded !== undefined;
  nextId += 1;
  const session = new NotebookSession({
    id: `nb${nextId}`,
    path,
    notebook: loaded?.notebook ?? emptyNotebook(options.kernelName, options.gateway),
    disk: loaded?.disk,
    nbformatMinor: originalMinor(loaded?.upgradedFrom),
    queue: store.queue,
    python: options.python,
    kernelName: options.kernelName,
    gateway: options.gateway,
    registry: store.registry,
    onChange: (kind) => store.repaintFor(session, kind),
    onStdin: (asking) => askStdin(store, asking),
    onKernelMissing: (missing) => offerKernels(store, missing),
  });
  store.addSession(session);
  for (const warning of loaded?.warnings ?? []) store.say(warning);
  if (!exists) store.say(`${session.name} is new: it will be written on the first save.`);
  await offerRecovery(store, session);
  return session;
}

async function offerRecovery(store: AppStore, session: NotebookSession): Promise<void> {
  const copy = await readRecovery(session.path);
  if (!copy) return;
  store.open({
    kind: "choice",
    question: `${session.name} has unsaved work recovered from ${copy.savedAt.toLocaleString()}.`,
    choices: [
      {
        key: "r",
        label: "restore it",
        run: () => {
          session.replaceDocument(copy.notebook, session.disk, false);
          store.say("Restored the recovery copy; save (Ctrl+S) to keep it.");
        },
      },
      {
        key: "d",
        label: "discard it",
        run: () => {
          discardRecovery(session.path);
          store.say("Discarded the recovery copy.");
        },
      },
      { key: "k", label: "keep it for later", run: () => undefined },
    ],
  });
}

/** Saves; a file changed on disk since it was read is never overwritten without asking. */
export async function saveSession(
  store: AppStore,
  session: NotebookSession,
  quiet = false,
): Promise<boolean> {
  commitEdit(session);
  try {
    await session.save();
    if (!quiet) store.say(`Saved ${session.name}.`);
    return true;
  } catch (error) {
    if (isOprelError(error, "NOTEBOOK_CHANGED_ON_DISK") && !quiet) askOverwrite(store, session);
    else store.say(oneLine(error), "error");
    return false;
  }
}

function askOverwrite(store: AppStore, session: NotebookSession): void {
  store.open({
    kind: "choice",
    question: `${session.name} was changed by another program since oprel read it.`,
    choices: [
      {
        key: "o",
        label: "overwrite it with this version",
        run: async () => {
          try {
            await session.save({ force: true });
            store.say(`Saved ${session.name} over the other changes.`);
          } catch (error) {
            store.say(oneLine(error), "error");
          }
        },
      },
      {
        key: "r",
        label: "reload it from disk (your changes are lost)",
        run: async () => {
          try {
            const loaded = await loadNotebook(session.path);
            session.editing = undefined;
            session.replaceDocument(loaded.notebook, loaded.disk, true);
            store.say(`Reloaded ${session.name} from disk.`);
          } catch (error) {
            store.say(oneLine(error), "error");
          }
        },
      },
      { key: "c", label: "cancel", run: () => undefined },
    ],
  });
}

/** Autosave: dirty notebooks already on disk, never over someone else's change. */
export async function autosave(store: AppStore): Promise<void> {
  for (const session of store.sessions) {
    if (!session.dirty || !session.onDisk || session.doc.mode === "edit") continue;
    const saved = await saveSession(store, session, true);
    if (!saved)
      store.say(
        `${session.name} was not autosaved: it changed on disk. Save with Ctrl+S to choose.`,
        "error",
      );
  }
}
