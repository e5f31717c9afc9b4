// The notebook as Jupyter writes it: multi-line strings split into lines, transient values removed
// (nbformat's split_lines and strip_transient). Copies only what changes; never mutates the input.

import { isLineSplitMime, splitLines } from "./multiline.js";
import { copyNumberMarks } from "./number-marks.js";
import { LinesValue } from "./python-json.js";
import type { Notebook } from "./types.js";

type Json = Record<string, unknown>;
/** How a multi-line string becomes its disk form: an array of lines, or a LinesValue to split later. */
type Split = (text: string) => unknown;
const lazyLines: Split = (text) => new LinesValue(text);

/** Notebook metadata that Jupyter strips on read and on write. */
export const TRANSIENT_NOTEBOOK_METADATA = ["orig_nbformat", "orig_nbformat_minor", "signature"];
/** Cell metadata that Jupyter strips on read and on write. */
export const TRANSIENT_CELL_METADATA = ["trusted"];

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A shallow copy without the given keys, keeping how its numbers were written. */
export function copyObject<T extends object>(object: T, omit: readonly string[] = []): T {
  const copy = { ...object } as Json;
  for (const key of omit) delete copy[key];
  copyNumberMarks(object, copy);
  return copy as T;
}

function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  return isObject(value) && keys.some((key) => key in value) ? copyObject(value, keys) : value;
}

/** nbformat's _split_mimebundle: text-like MIME values become arrays of lines. */
function splitBundle(bundle: unknown, split: Split): unknown {
  if (!isObject(bundle)) return bundle;
  const copy = copyObject(bundle);
  for (const [mime, value] of Object.entries(bundle)) {
    if (typeof value === "string" && isLineSplitMime(mime)) copy[mime] = split(value);
  }
  return copy;
}

function outputToDisk(output: unknown, split: Split): unknown {
  if (!isObject(output)) return output;
  const copy = copyObject(output, ["transient"]);
  if (output.output_type === "stream" && typeof output.text === "string") {
    copy.text = split(output.text);
  } else if (output.output_type === "execute_result" || output.output_type === "display_data") {
    copy.data = splitBundle(output.data, split);
  }
  return copy;
}

function cellToDisk(cell: unknown, split: Split): unknown {
  if (!isObject(cell)) return cell;
  const copy = copyObject(cell);
  if (typeof cell.source === "string") copy.source = split(cell.source);
  copy.metadata = withoutKeys(cell.metadata, TRANSIENT_CELL_METADATA);
  if (isObject(cell.attachments)) {
    const attachments = copyObject(cell.attachments);
    for (const [name, bundle] of Object.entries(cell.attachments))
      attachments[name] = splitBundle(bundle, split);
    copy.attachments = attachments;
  }
  if (cell.cell_type === "code" && Array.isArray(cell.outputs))
    copy.outputs = cell.outputs.map((output) => outputToDisk(output, split));
  return copy;
}

/**
 * The JSON document Jupyter would write for this notebook (before serialization). With an
 * nbformat minor below 5, the document is written in that older format: without cell ids.
 * With `lazy`, multi-line strings are LinesValues, split by the writer as it goes.
 */
export function toDiskForm(notebook: Notebook, nbformatMinor?: number, lazy = false): Json {
  const split = lazy ? lazyLines : splitLines;
  const copy = copyObject(notebook) as unknown as Json;
  copy.metadata = withoutKeys(notebook.metadata, TRANSIENT_NOTEBOOK_METADATA);
  if (Array.isArray(notebook.cells))
    copy.cells = notebook.cells.map((cell) => cellToDisk(cell, split));
  if (nbformatMinor !== undefined) {
    copy.nbformat_minor = nbformatMinor;
    if (nbformatMinor < 5 && Array.isArray(copy.cells)) {
      copy.cells = copy.cells.map((cell) => (isObject(cell) ? copyObject(cell, ["id"]) : cell));
    }
  }
  return copy;
}

/** The notebook without in-memory transient values (output display ids); lines stay joined. */
export function stripTransient(notebook: Notebook): Json {
  const copy = copyObject(notebook) as unknown as Json;
  copy.metadata = withoutKeys(notebook.metadata, TRANSIENT_NOTEBOOK_METADATA);
  if (!Array.isArray(notebook.cells)) return copy;
  copy.cells = notebook.cells.map((cell: unknown) => {
    if (!isObject(cell) || !Array.isArray(cell.outputs)) return cell;
    if (!cell.outputs.some((output) => isObject(output) && "transient" in output)) return cell;
    const cellCopy = copyObject(cell);
    cellCopy.outputs = cell.outputs.map((output) => withoutKeys(output, ["transient"]));
    return cellCopy;
  });
  return copy;
}
