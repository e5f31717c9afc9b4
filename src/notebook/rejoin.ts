// What nbformat does to a v4 document right after parsing it (rejoin_lines and strip_transient):
// lists of lines become single strings, transient metadata goes. Works in place, on a document
// the reader has just parsed and nobody else holds.

import { isObject, TRANSIENT_CELL_METADATA, TRANSIENT_NOTEBOOK_METADATA } from "./disk-form.js";
import { isJsonMime } from "./multiline.js";

type Json = Record<string, unknown>;

function isLineList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((line) => typeof line === "string");
}

function rejoinBundle(bundle: unknown): void {
  if (!isObject(bundle)) return;
  for (const [mime, value] of Object.entries(bundle)) {
    if (!isJsonMime(mime) && isLineList(value)) bundle[mime] = value.join("");
  }
}

function deleteKeys(object: unknown, keys: readonly string[]): void {
  if (isObject(object)) for (const key of keys) delete object[key];
}

export function rejoinInPlace(document: Json): void {
  deleteKeys(document.metadata, TRANSIENT_NOTEBOOK_METADATA);
  if (!Array.isArray(document.cells)) return;
  for (const cell of document.cells) {
    if (!isObject(cell)) continue;
    deleteKeys(cell.metadata, TRANSIENT_CELL_METADATA);
    if (isLineList(cell.source)) cell.source = cell.source.join("");
    if (isObject(cell.attachments)) Object.values(cell.attachments).forEach(rejoinBundle);
    if (cell.cell_type !== "code" || !Array.isArray(cell.outputs)) continue;
    for (const output of cell.outputs) {
      if (!isObject(output)) continue;
      if (output.output_type === "execute_result" || output.output_type === "display_data") {
        rejoinBundle(output.data);
      } else if (isLineList(output.text)) {
        output.text = output.text.join("");
      }
    }
  }
}
