// The language a notebook's code cells are highlighted in: its kernel's once that is chosen (a
// --kernel or a picked kernel may differ from the file), else what the file says it was written
// in (language_info, then kernelspec), so a notebook whose kernel is missing is still coloured.

import type { JsonObject } from "../../notebook/index.js";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function field(object: unknown, name: string): unknown {
  return typeof object === "object" && object !== null ? (object as JsonObject)[name] : undefined;
}

export function notebookLanguage(metadata: JsonObject, kernelLanguage?: string): string {
  return (
    text(kernelLanguage) ??
    text(field(metadata.language_info, "name")) ??
    text(field(metadata.kernelspec, "language")) ??
    "python"
  );
}
