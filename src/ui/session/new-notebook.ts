// A notebook that does not exist on disk yet: one empty code cell and the kernelspec of the kernel
// it will run in (python3, as JupyterLab makes, unless --kernel names another). It is written on
// the first save.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { chooseKernel, kernelspecOf } from "../../kernel/index.js";
import { type Notebook, parseNotebook } from "../../notebook/index.js";

/** `kernelName` is --kernel's; `gateway` is --gateway's. */
export function emptyNotebook(kernelName?: string, gateway?: string): Notebook {
  const kernelspec = kernelspecFor(kernelName, gateway);
  const text = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec,
      ...(kernelspec.language ? { language_info: { name: kernelspec.language } } : {}),
    },
    cells: [{ cell_type: "code", metadata: {}, source: "", outputs: [], execution_count: null }],
  });
  return parseNotebook(text).notebook;
}

function kernelspecFor(kernelName: string | undefined, gateway: string | undefined) {
  if (kernelName === undefined && gateway === undefined) return kernelspecOf({ kind: "worker" });
  try {
    return kernelspecOf(chooseKernel(undefined, kernelName, process.env, gateway));
  } catch {
    // Not installed: the notebook still names it; opening it offers the kernels that are.
    return { name: kernelName ?? "python3", display_name: kernelName ?? "Python 3", language: "" };
  }
}

/** Untitled.ipynb, or Untitled1.ipynb and so on: the first name not taken in the folder. */
export function untitledPath(folder: string): string {
  for (let n = 0; ; n += 1) {
    const path = join(folder, `Untitled${n === 0 ? "" : n}.ipynb`);
    if (!existsSync(path)) return path;
  }
}
