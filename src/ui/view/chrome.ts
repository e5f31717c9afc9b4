// The tab bar and the status line: which notebooks are open (and which are busy or unsaved), and
// for the active one the kernel's state, interpreter and pid, the queue and the latest message.

import { sanitize } from "../../terminal/sanitize.js";
import { displayWidth, padEndColumns } from "../../terminal/width.js";
import { fitColumns } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import type { KernelPhase } from "../session/kernel-link.js";
import type { NotebookSession } from "../session/notebook-session.js";
import { style } from "./style.js";

export function tabBar(store: AppStore, width: number): string {
  const tabs = store.sessions.map((session, index) => {
    const busy = session.runs.busyCount;
    const label = `${index + 1}:${sanitize(session.name)}${session.dirty ? "*" : ""}${busy > 0 ? ` ⟳${busy}` : ""}`;
    return index === store.active ? style.inverse(` ${label} `) : ` ${label} `;
  });
  return fitColumns(tabs.join(style.dim("│")), width);
}

const PHASE_STYLE: Record<KernelPhase, (text: string) => string> = {
  starting: style.busy,
  idle: style.ok,
  busy: style.busy,
  dead: style.error,
  restarting: style.busy,
  failed: style.error,
  stopped: style.dim,
};

function modeWord(session: NotebookSession): string {
  if (session.assistant.active) return style.accent("AI");
  return session.doc.mode === "edit" ? style.editBar("EDIT") : style.commandBar("CMD");
}

export function statusLine(store: AppStore, width: number): string {
  const session = store.session;
  if (!session) return "";
  const link = session.kernel;
  const kernel = link.kernel;
  const phase = link.state(session.runs.busyCount > 0);
  const parts = [
    `${style.bold(sanitize(session.name))}${session.dirty ? style.busy(" [+]") : ""}`,
    modeWord(session),
    PHASE_STYLE[phase](phase === "dead" ? "dead (0 0 restarts)" : phase),
  ];
  if (kernel) parts.push(style.dim(`python ${kernel.python} pid ${kernel.pid}`));
  if (store.queueLength > 0) parts.push(style.busy(`queue ${store.queueLength}`));
  // Always in sight while on: the assistant's proposals are then accepted without asking.
  if (session.assistant.autoRun) parts.push(style.busy("auto-run"));
  const left = parts.join(style.dim(" │ "));
  const problem = phase === "dead" || phase === "failed" ? link.problem : undefined;
  const message = problem ?? store.message?.text ?? "? for keys";
  const painted =
    problem || store.message?.level === "error"
      ? style.error(sanitize(message))
      : style.dim(sanitize(message));
  const room = width - displayWidth(left) - 3;
  if (room < 8) return fitColumns(left, width);
  return padEndColumns(`${left}${style.dim(" │ ")}${fitColumns(painted, room)}`, width);
}
