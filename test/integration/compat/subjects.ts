// The notebooks the differential test runs, and the corpus notebooks it leaves out, with reasons.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CORPUS, ROOT } from "../run/helpers.js";
import type { Subject } from "./sides.js";

/** Corpus notebooks not compared, and why. */
export const EXCLUDED: Record<string, string> = {
  "nbclient/Autokill.ipynb":
    "the kernel kills itself; nbconvert then aborts the whole batch (DeadKernelError) and writes nothing. oprel's handling of dead kernels is tested in test/integration/run",
  "nbclient/Interrupt.ipynb":
    "an endless loop that only an outside interrupt or timeout ends; nbconvert reports a timeout as a failure, not as an output",
  "papermill/keyboard_interrupt.ipynb": "sleeps 60 s waiting for an outside interrupt",
  "nbclient/Parallel Execute A.ipynb":
    "needs its twin running at the same time and a folder injected by nbclient's test harness",
  "nbclient/Parallel Execute B.ipynb":
    "needs its twin running at the same time and a folder injected by nbclient's test harness",
  "nbclient/Sleep1s.ipynb": "prints wall-clock timestamps, which differ between any two runs",
  "papermill/gcs-simple_notebook.ipynb":
    "sleeps 14 s; what it prints (stdout, stderr, a loop) is covered by compat/streams.ipynb",
};

/** Both nbconvert 6.5 and oprel refuse Output.ipynb as it is: its kernelspec lacks the required name. */
function completeKernelspec(notebook: Record<string, unknown>): void {
  notebook.metadata = {
    ...(notebook.metadata as object),
    kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
  };
}

const PATCHES: Record<string, Subject["patch"]> = {
  "nbclient/Output.ipynb": completeKernelspec,
};

function notebooksIn(folder: string, prefix: string): Subject[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".ipynb"))
    .sort()
    .map((file) => ({
      name: `${prefix}/${file}`,
      source: join(folder, file),
      patch: PATCHES[`${prefix}/${file}`],
    }));
}

export function corpusSubjects(): Subject[] {
  return [
    ...notebooksIn(join(CORPUS, "nbclient"), "nbclient"),
    ...notebooksIn(join(CORPUS, "papermill"), "papermill"),
  ].filter((subject) => !(subject.name in EXCLUDED));
}

export function ownSubjects(): Subject[] {
  return notebooksIn(join(ROOT, "test", "fixtures", "compat"), "compat");
}
