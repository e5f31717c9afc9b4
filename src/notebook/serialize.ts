// Notebook to file text, byte for byte what Jupyter (nbformat.write) produces for the same content.

import { toDiskForm } from "./disk-form.js";
import { type JsonOut, writePythonJson } from "./python-json.js";
import type { Notebook } from "./types.js";

export interface SerializeOptions {
  /**
   * Write this nbformat 4 minor version instead of the notebook's own (normally 5). Below 5 the
   * cell ids are left out, since those formats have none: saving a notebook that was upgraded on
   * reading (LoadedNotebook.upgradedFrom "4.2") with nbformatMinor 2 gives back the file Jupyter
   * would write, instead of adding an id to every cell.
   */
  nbformatMinor?: number;
}

export function serializeNotebook(notebook: Notebook, options: SerializeOptions = {}): string {
  const out: string[] = [];
  writeNotebook(out, notebook, options);
  return out.join("");
}

/** serializeNotebook, handing the text to `out` piece by piece (a large notebook never exists whole). */
export function writeNotebook(
  out: JsonOut,
  notebook: Notebook,
  options: SerializeOptions = {},
): void {
  writePythonJson(out, toDiskForm(notebook, options.nbformatMinor, true));
  out.push("\n");
}

/** The nbformat minor to write when keeping a loaded notebook's original 4.x format. */
export function originalMinor(upgradedFrom: string | undefined): number | undefined {
  const match = upgradedFrom?.match(/^4\.([0-4])$/);
  return match ? Number(match[1]) : undefined;
}
