// "Change kernel" (Shift+C), and the same question when a notebook's own kernel is not installed:
// the installed Jupyter kernels and oprel's Python worker, one key each. The kernelspecs are read
// from disk only here, when the picker opens: never on a keystroke's path.

import { describeKernel, findKernelSpecs, type KernelChoice } from "../../kernel/index.js";
import { kernelText as label } from "../session/kernel-link.js";
import { oneLine } from "../session/messages.js";
import type { NotebookSession } from "../session/notebook-session.js";
import type { AppStore } from "./app-store.js";
import type { Choice } from "./overlays.js";

/** Digit keys 1 to 9 name the kernelspecs; a longer list is cut (the worker keeps "w"). */
const MOST_SPECS = 9;

export function pickKernel(store: AppStore, session: NotebookSession): void {
  const specs = [...findKernelSpecs().values()].slice(0, MOST_SPECS);
  const options: KernelChoice[] = [
    { kind: "worker" },
    ...specs.map((spec): KernelChoice => ({ kind: "jupyter", spec })),
  ];
  const now = session.kernel.description;
  const choices = options.map((choice, index): Choice => {
    const text = label(describeKernel(choice));
    return {
      key: index === 0 ? "w" : String(index),
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

/** A notebook opened whose kernel is not installed: ask at once, unless something else is asked. */
export function offerKernels(store: AppStore, session: NotebookSession): void {
  if (store.session === session && !store.overlay) pickKernel(store, session);
}
