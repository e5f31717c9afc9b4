// "Change kernel" (Shift+C), and the same question when a notebook's own kernel is not installed:
// the installed Jupyter kernels and oprel's Python worker (or, with a gateway, the gateway's
// kernels), one key each. They are looked up only here, when the picker opens: never on a
// keystroke's path.

import { describeKernel, type KernelChoice, kernelOptions } from "../../kernel/index.js";
import { kernelText as label } from "../session/kernel-link.js";
import { oneLine } from "../session/messages.js";
import type { NotebookSession } from "../session/notebook-session.js";
import type { AppStore } from "./app-store.js";
import type { Choice } from "./overlays.js";

/** Digit keys 1 to 9 name the kernelspecs; a longer list is cut (the worker keeps "w"). */
const MOST_SPECS = 9;

export async function pickKernel(store: AppStore, session: NotebookSession): Promise<void> {
  const { gateway } = store.openOptions;
  let options: KernelChoice[];
  try {
    if (gateway) store.say("Asking the gateway for its kernels…");
    options = await kernelOptions(gateway);
  } catch (error) {
    store.say(oneLine(error), "error");
    return;
  }
  // The worker (local only) keeps "w"; the others take 1 to 9.
  const worker = options[0]?.kind === "worker";
  options = options.slice(0, MOST_SPECS + (worker ? 1 : 0));
  if (options.length === 0) {
    store.say("The gateway offers no kernels.", "error");
    return;
  }
  // The question is about this notebook: show it under the question (several may have opened).
  store.showSession(session);
  const now = session.kernel.description;
  const choices = options.map((choice, index): Choice => {
    const text = label(describeKernel(choice));
    return {
      key: worker && index === 0 ? "w" : String(worker ? index : index + 1),
      label: now && label(now) === text ? `${text} (now)` : text,
      run: () => change(store, session, choice),
    };
  });
  store.open({
    kind: "choice",
    question: `Run ${session.name} in which kernel?`,
    choices,
  });
}

async function change(
  store: AppStore,
  session: NotebookSession,
  choice: KernelChoice,
): Promise<void> {
  const text = label(describeKernel(choice));
  store.say(`Starting ${text} for ${session.name}…`);
  try {
    await session.changeKernel(choice);
  } catch (error) {
    store.say(oneLine(error), "error");
    return;
  }
  if (session.kernel.problem) store.say(session.kernel.problem, "error");
  else store.say(`${session.name} runs in ${text}; save to keep the choice in the notebook.`);
}

/**
 * A notebook opened whose kernel is not installed: ask at once, over that notebook, unless
 * something else is asked (its sentence stays, and Shift+C asks later).
 */
export function offerKernels(store: AppStore, session: NotebookSession): void {
  if (!store.overlay) void pickKernel(store, session);
}
