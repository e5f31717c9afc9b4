// Keys while an overlay is open: the one-line prompt edits its own text buffer (with path
// completion in the open prompt), and the help screen and the pager scroll.

import { commandToAction } from "../../editor/commands.js";
import {
  bufferText,
  createTextBuffer,
  type TextBufferAction,
  textBufferReducer,
} from "../../editor/text-buffer.js";
import { pagerAction } from "../../pager/commands.js";
import { pagerReducer, searching } from "../../pager/pager-state.js";
import type { AppStore } from "../app-store.js";
import type { Overlay } from "../overlays.js";
import { completePath } from "../path-completion.js";

type Prompt = Extract<Overlay, { kind: "prompt" }>;

function editPrompt(store: AppStore, prompt: Prompt, action: TextBufferAction): void {
  store.open({ ...prompt, buffer: textBufferReducer(prompt.buffer, action) });
}

/** Typed or pasted text in a prompt: one line only (a pasted newline submits nothing). */
export function overlayText(store: AppStore, text: string, _paste: boolean): void {
  const overlay = store.overlay;
  if (overlay?.kind !== "prompt") return;
  editPrompt(store, overlay, { type: "insert", text: text.replace(/[\r\n]+/g, " ") });
}

export function overlayCommand(store: AppStore, command: string, pageRows: number): void {
  const overlay = store.overlay;
  if (overlay?.kind === "prompt") promptCommand(store, overlay, command);
  else if (overlay?.kind === "help" || overlay?.kind === "pager")
    scrollCommand(store, overlay, command, pageRows);
}

function promptCommand(store: AppStore, prompt: Prompt, command: string): void {
  switch (command) {
    case "prompt.submit":
      store.close(() => prompt.submit(bufferText(prompt.buffer)));
      return;
    case "prompt.cancel":
      store.close(prompt.cancel);
      return;
    case "prompt.complete": {
      if (prompt.purpose !== "open") return;
      const done = completePath(bufferText(prompt.buffer));
      if (done.matches.length > 1) store.say(done.matches.slice(0, 20).join("  "));
      const buffer = textBufferReducer(createTextBuffer(done.text), {
        type: "move",
        motion: "docEnd",
      });
      store.open({ ...prompt, buffer });
      return;
    }
    default: {
      const action = commandToAction(command);
      if (action && action.type !== "newline") editPrompt(store, prompt, action);
    }
  }
}

function scrollCommand(
  store: AppStore,
  overlay: Extract<Overlay, { kind: "help" | "pager" }>,
  command: string,
  pageRows: number,
): void {
  if (command === "pager.close") {
    store.close();
    return;
  }
  if (overlay.kind === "pager") {
    pagerCommand(store, overlay, command);
    return;
  }
  const by: Record<string, number> = {
    "pager.up": -1,
    "pager.down": 1,
    "pager.pageUp": -pageRows,
    "pager.pageDown": pageRows,
    "pager.top": -Number.MAX_SAFE_INTEGER,
    "pager.bottom": Number.MAX_SAFE_INTEGER,
  };
  const step = by[command];
  if (step === undefined) return;
  const last = Math.max(0, store.helpLines().length - pageRows);
  store.open({ ...overlay, scroll: Math.max(0, Math.min(overlay.scroll + step, last)) });
}

type PagerOverlay = Extract<Overlay, { kind: "pager" }>;

function pagerCommand(store: AppStore, overlay: PagerOverlay, command: string): void {
  if (command === "pager.search") {
    store.open({
      kind: "prompt",
      purpose: "search",
      label: "/",
      buffer: createTextBuffer(""),
      password: false,
      submit: (query) => searchPager(store, overlay, query),
      cancel: () => store.open(overlay),
    });
    return;
  }
  const action = pagerAction(command);
  if (action) store.open({ ...overlay, state: pagerReducer(overlay.state, action) });
}

/** Searches in bounded steps, one per turn of the event loop, so the screen never freezes. */
function searchPager(store: AppStore, overlay: PagerOverlay, query: string): void {
  const pager: PagerOverlay = {
    ...overlay,
    state: pagerReducer(overlay.state, { type: "search", query }),
  };
  store.open(pager);
  const step = () => {
    if (store.overlay !== pager || !searching(pager.state)) return;
    pager.state = pagerReducer(pager.state, { type: "searchStep" });
    store.repaint();
    setImmediate(step);
  };
  setImmediate(step);
}
