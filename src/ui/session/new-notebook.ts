// A notebook that does not exist on disk yet: one empty code cell and a python3 kernelspec, as
// JupyterLab makes. It is written on the first save.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { kernelspecOf } from "../../kernel/index.js";
import { type Notebook, parseNotebook } from "../../notebook/index.js";

export function emptyNotebook(): Notebook {
  const text = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: kernelspecOf({ kind: "worker" }),
      language_info: { name: "python" },
    },
    cells: [{ cell_type: "code", metadata: {}, source: "", outputs: [], execution_count: null }],
  });
  return parseNotebook(text).notebook;
}

/** Untitled.ipynb, or Untitled1.ipynb and so on: the first name not taken in the folder. */
export function untitledPath(folder: string): string {
  for (let n = 0; ; n += 1) {
    const path = join(folder, `Untitled${n === 0 ? "" : n}.ipynb`);
    if (!existsSync(path)) return path;
  }
}
