// The registry panel (shift+v): move through the shared entries, fetch the selected one into the
// current notebook, or share one of its variables. Both run the same magics a cell would
// (%fetch, %share) in the notebook's kernel, after any cell it is running.

import type { Kernel } from "../../../kernel/index.js";
import { createTextBuffer } from "../../editor/text-buffer.js";
import type { AppStore } from "../app-store.js";

export function registryCommand(store: AppStore, command: string): void {
  const overlay = store.overlay;
  if (overlay?.kind !== "registry") return;
  const entries = store.registry?.list() ?? [];
  const last = Math.max(0, entries.length - 1);
  switch (command) {
    case "registry.up":
    case "registry.down": {
      const step = command === "registry.up" ? -1 : 1;
      store.open({ kind: "registry", cursor: Math.max(0, Math.min(overlay.cursor + step, last)) });
      return;
    }
    case "registry.fetch": {
      const entry = entries[Math.min(overlay.cursor, last)];
      if (!entry) {
        store.say("The registry is empty: press s to share a variable of this notebook.");
        return;
      }
      store.close(async () => {
        await runMagic(store, `%fetch ${entry.name}`, `Fetched ${entry.name}`);
      });
      return;
    }
    case "registry.share":
      store.close(() => askWhatToShare(store));
      return;
    case "registry.close":
      store.close();
      return;
  }
}

async function askWhatToShare(store: AppStore): Promise<void> {
  const kernel = readyKernel(store);
  if (!kernel) return;
  const { variables } = await kernel.namespace();
  if (variables.length === 0) {
    store.say(`${store.session?.name} has no variables to share yet: run a cell first.`);
    return;
  }
  store.say(`Variables: ${variables.map((v) => `${v.name} (${v.type})`).join(", ")}`);
  store.open({
    kind: "prompt",
    purpose: "share",
    label: "Share variable: ",
    buffer: createTextBuffer(""),
    password: false,
    submit: async (text) => {
      const name = text.trim();
      if (name && (await runMagic(store, `%share ${name}`, `Shared ${name}`)))
        store.open({ kind: "registry", cursor: cursorOf(store, name) });
    },
  });
}

/** Runs a magic in the current notebook's kernel; says how it went. True when it worked. */
async function runMagic(store: AppStore, code: string, done: string): Promise<boolean> {
  const session = store.session;
  const kernel = readyKernel(store);
  if (!session || !kernel) return false;
  if (kernel.state === "busy")
    store.say(`${code}: waiting for the running cell of ${session.name}…`);
  const outcome = await kernel.execute(code, () => undefined, { silent: true });
  if (outcome.status === "ok") {
    store.say(`${done} (${session.name}).`);
    return true;
  }
  store.say(outcome.error?.evalue ?? `${code} failed (${outcome.status}).`, "error");
  return false;
}

function readyKernel(store: AppStore): Kernel | undefined {
  const kernel = store.session?.kernel.kernel;
  if (!kernel || kernel.state === "dead" || kernel.state === "shutdown") {
    store.say("This notebook's kernel is not running: the registry needs it.", "error");
    return undefined;
  }
  return kernel;
}

function cursorOf(store: AppStore, name: string): number {
  return Math.max(0, store.registry?.list().findIndex((entry) => entry.name === name) ?? 0);
}
