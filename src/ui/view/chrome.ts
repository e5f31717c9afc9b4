// The tab bar and the status line: which notebooks are open (and which are busy or unsaved), and
// for the active one the kernel's state, language and name (the worker's Python version too), the
// queue and the latest message.

import { sanitize } from "../../terminal/sanitize.js";
import { displayWidth, padEndColumns } from "../../terminal/width.js";
import { fitColumns, wrapParts } from "../../terminal/wrap.js";
import type { AppStore } from "../app/app-store.js";
import { type KernelLink, type KernelPhase, kernelText } from "../session/kernel-link.js";
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
  missing: style.error,
  stopped: style.dim,
};

/** "R · ir", "Python · python3 (ipykernel)", "Python 3.11.9 · oprel worker" (once it runs). */
function kernelLabel(link: KernelLink): string | undefined {
  const described = link.description;
  if (!described) return undefined;
  const version = link.worker?.python;
  return kernelText(version ? { ...described, language: `Python ${version}` } : described);
}

/** The sentence about a kernel that is not installed, over the notebook until one is picked. */
export function kernelNotice(session: NotebookSession, width: number): string[] {
  const problem = session.kernel.missing && session.kernel.problem;
  return problem
    ? wrapParts(sanitize(problem).split(" "), width).map((row) => style.error(row))
    : [];
}

function modeWord(session: NotebookSession): string {
  if (session.assistant.active) return style.accent("AI");
  return session.doc.mode === "edit" ? style.editBar("EDIT") : style.commandBar("CMD");
}

export function statusLine(store: AppStore, width: number): string {
  const session = store.session;
  if (!session) return "";
  const link = session.kernel;
  const phase = link.state(session.runs.busyCount > 0);
  const parts = [
    `${style.bold(sanitize(session.name))}${session.dirty ? style.busy(" [+]") : ""}`,
    modeWord(session),
    PHASE_STYLE[phase](phase === "dead" ? "dead (0 0 restarts)" : phase),
  ];
  const kernel = kernelLabel(link);
  if (kernel) parts.push(style.dim(sanitize(kernel)));
  if (store.queueLength > 0) parts.push(style.busy(`queue ${store.queueLength}`));
  // Always in sight while on: the assistant's proposals are then accepted without asking.
  if (session.assistant.autoRun) parts.push(style.busy("auto-run"));
  const left = parts.join(style.dim(" │ "));
  // A missing kernel has its own row above the notebook (kernelNotice): the whole sentence fits.
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
