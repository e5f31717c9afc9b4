// The registry panel (shift+v): move through the shared entries and fetch the selected one into
// the current notebook; or list the notebook's variables (s) and share the selected one. Both
// run the magics a cell would (%fetch, %share) in the notebook's kernel, after any running cell.

import type { Kernel } from "../../../kernel/index.js";
import type { AppStore } from "../app-store.js";
import type { Overlay } from "../overlays.js";

type Panel = Extract<Overlay, { kind: "registry" }>;

export function registryCommand(store: AppStore, command: string): void {
  const panel = store.overlay;
  if (panel?.kind !== "registry") return;
  const names = panel.variables?.map((v) => v.name) ?? store.registry?.list().map((e) => e.name);
  const selected = names?.[panel.cursor];
  switch (command) {
    case "registry.up":
    case "registry.down": {
      const step = command === "registry.up" ? -1 : 1;
      const last = Math.max(0, (names?.length ?? 0) - 1);
      store.open({ ...panel, cursor: Math.max(0, Math.min(panel.cursor + step, last)) });
      return;
    }
    case "registry.choose":
      registryCommand(store, panel.variables ? "registry.share" : "registry.fetch");
      return;
    case "registry.fetch":
      if (panel.variables) return;
      if (selected === undefined) store.say("Nothing is shared yet: press s to share a variable.");
      else
        store.close(async () => {
          await runMagic(store, `%fetch ${selected}`, `Fetched ${selected}`);
        });
      return;
    case "registry.share":
      if (!panel.variables) void listVariables(store, panel);
      else if (selected !== undefined) store.close(() => share(store, selected));
      return;
    case "registry.close":
      if (panel.variables) store.open({ kind: "registry", cursor: 0 });
      else store.close();
      return;
  }
}

async function listVariables(store: AppStore, panel: Panel): Promise<void> {
  const kernel = readyKernel(store);
  if (!kernel) return;
  const { variables } = await kernel.namespace();
  if (store.overlay !== panel) return; // closed meanwhile
  if (variables.length === 0) {
    store.say(`${store.session?.name} has no variables to share yet: run a cell first.`);
    return;
  }
  store.open({ kind: "registry", cursor: 0, variables });
}

async function share(store: AppStore, name: string): Promise<void> {
  if (await runMagic(store, `%share ${name}`, `Shared ${name}`)) {
    const cursor = store.registry?.list().findIndex((entry) => entry.name === name) ?? 0;
    store.open({ kind: "registry", cursor: Math.max(0, cursor) });
  }
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

/** The notebook's running worker; other kernels have no %share or %fetch. */
function readyKernel(store: AppStore): Kernel | undefined {
  const link = store.session?.kernel;
  const described = link?.description;
  if (link?.kernel && !link.worker && described) {
    store.say(
      `The shared registry works with oprel's Python worker; this notebook runs in ${described.language} · ${described.name}.`,
      "error",
    );
    return undefined;
  }
  const kernel = link?.worker;
  if (!kernel || kernel.state === "dead" || kernel.state === "shutdown") {
    store.say("This notebook's kernel is not running: the registry needs it.", "error");
    return undefined;
  }
  return kernel;
}
