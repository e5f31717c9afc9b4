// From input events to actions: the one key registry (src/ui/keys) names the command for the
// current mode, and this module carries it out. Questions take single keys; everything else is a
// command, typed text or a paste.

import type { Mode } from "../keys/bindings.js";
import type { KeyResolver } from "../keys/keymap.js";
import type { InputEvent } from "../keys/parse-input.js";
import { oneLine } from "../session/messages.js";
import type { AppStore } from "./app-store.js";
import { appCommand } from "./commands/app-commands.js";
import { assistantCommand } from "./commands/assistant-commands.js";
import { cellCommand } from "./commands/cell-commands.js";
import { editBuffer, editorCommand } from "./commands/editor-commands.js";
import { overlayCommand, overlayText } from "./commands/overlay-commands.js";
import { registryCommand } from "./commands/registry-commands.js";
import { runCommand } from "./commands/run-commands.js";

function modeOf(store: AppStore): Mode {
  const overlay = store.overlay;
  if (overlay?.kind === "prompt") return "prompt";
  if (overlay?.kind === "pager" || overlay?.kind === "help") return "pager";
  if (overlay?.kind === "registry") return "registry";
  if (store.session?.assistant.active) return "assistant";
  return store.session?.doc.mode ?? "command";
}

export function handleInput(store: AppStore, resolver: KeyResolver, event: InputEvent): void {
  if (event.type === "response") return;
  try {
    const overlay = store.overlay;
    if (overlay?.kind === "choice") {
      if (event.type === "key") answerChoice(store, overlay, event.name);
      return;
    }
    const mode = modeOf(store);
    const resolution = resolver.resolve(mode, event);
    if ("command" in resolution) runCommandId(store, mode, resolution.command);
    else if ("insert" in resolution) typeText(store, resolution.insert, false);
    else if ("paste" in resolution) typeText(store, resolution.paste, true);
  } catch (error) {
    store.say(oneLine(error), "error");
  }
}

function answerChoice(
  store: AppStore,
  overlay: Extract<AppStore["overlay"], { kind: "choice" }>,
  key: string,
): void {
  if (key === "escape") {
    store.close(overlay.cancel);
    return;
  }
  const choice = overlay.choices.find((candidate) => candidate.key === key.toLowerCase());
  if (choice) store.close(choice.run);
}

function typeText(store: AppStore, text: string, paste: boolean): void {
  if (store.overlay) {
    overlayText(store, text, paste);
    return;
  }
  const session = store.session;
  if (!session?.editing) return;
  editBuffer(session, paste ? { type: "paste", text } : { type: "insert", text });
  store.repaint();
}

function runCommandId(store: AppStore, mode: Mode, command: string): void {
  const session = store.session;
  if (mode === "prompt" || mode === "pager") {
    overlayCommand(store, command, pageRows(store));
    return;
  }
  if (mode === "registry") {
    registryCommand(store, command);
    return;
  }
  if (appCommand(store, session, command) || !session) return;
  if (assistantCommand(store, session, command) || mode === "assistant") return;
  if (runCommand(store, session, command)) return;
  if (mode === "edit") editorCommand(store, session, command, pageRows(store));
  else cellCommand(store, session, command);
}

function pageRows(store: AppStore): number {
  return Math.max(1, store.size.rows - 6);
}
