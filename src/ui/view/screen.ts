// The whole screen as rows, one shorter than the terminal (Ink 6.8 clears the screen on every
// frame when the output is as tall as the terminal): the tab bar, a missing kernel's sentence, the
// notebook or a full-screen overlay, a question or prompt if one is open, and the status line.

import type { AppStore } from "../app/app-store.js";
import { assistantRows } from "./assistant-panel.js";
import { kernelNotice, statusLine, tabBar } from "./chrome.js";
import { dialogRows } from "./dialogs.js";
import { helpRows } from "./help-view.js";
import { pagerRows } from "./pager-view.js";
import { registryRows } from "./registry-view.js";
import { notebookRows } from "./viewport.js";

export function screenRows(store: AppStore, now: number): string[] {
  const { cols, rows } = store.size;
  // One column short of the edge: a row that fills it leaves the cursor in the pending-wrap state.
  const width = Math.max(20, cols - 1);
  const total = Math.max(4, rows - 1);
  const overlay = store.overlay;
  const session = store.session;
  const fullScreen =
    overlay?.kind === "help" || overlay?.kind === "pager" || overlay?.kind === "registry";
  const panel = session && !fullScreen ? assistantRows(session.assistant, width, total) : [];
  const dialog = [...panel, ...dialogRows(overlay, width)];
  const notice = session && !fullScreen ? kernelNotice(session, width) : [];
  const bodyHeight = Math.max(1, total - 2 - dialog.length - notice.length);
  let body: string[];
  if (overlay?.kind === "help") body = helpRows(store, overlay, width, bodyHeight);
  else if (overlay?.kind === "pager") body = pagerRows(overlay, width, bodyHeight);
  else if (overlay?.kind === "registry") body = registryRows(store, overlay, width, bodyHeight);
  else if (session) body = notebookRows(session, width, bodyHeight, now);
  else body = [];
  while (body.length < bodyHeight) body.push("");
  return [
    tabBar(store, width),
    ...notice,
    ...body.slice(0, bodyHeight),
    ...dialog,
    statusLine(store, width),
  ];
}
