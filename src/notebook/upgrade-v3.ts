// nbformat 3 (worksheets) to 4, following nbformat's own v3 reader and v4.convert.upgrade:
// worksheets flattened, heading cells become markdown "#" headings, input -> source,
// prompt_number -> execution_count, pyout -> execute_result, pyerr -> error, v3 output keys
// (png, text, html, ...) -> MIME types. Where nbformat gives up (no metadata, no worksheets, a
// worksheet without cells) this reads what is there instead, with a warning.
// Also unlike nbformat, keys v4 does not allow (a code cell's "language", a markdown cell's
// "rendered", display_data's "prompt_number") are dropped instead of making the result invalid.

import { copyObject, isObject } from "./disk-form.js";
import { splitLines, withoutLineEnd } from "./multiline.js";
import type { JsonObject, JsonValue } from "./types.js";

type Json = Record<string, unknown>;

/** nbformat v3's MIME aliases. */
const V3_MIME: Record<string, string> = {
  text: "text/plain",
  html: "text/html",
  svg: "image/svg+xml",
  png: "image/png",
  jpeg: "image/jpeg",
  latex: "text/latex",
  json: "application/json",
  javascript: "application/javascript",
};
/** Output keys v3 wrote as lists of lines. */
const V3_MULTILINE_OUTPUT_KEYS = new Set(["text", "html", "svg", "latex", "javascript", "json"]);

export interface V3Conversion {
  /** An nbformat 4 document (not yet given cell ids). */
  document: Json;
  warnings: string[];
}

export function convertV3(v3: Json, name: string): V3Conversion {
  const warnings: string[] = [];
  const metadata = isObject(v3.metadata) ? copyObject(v3.metadata, ["name", "signature"]) : {};
  if (!isObject(v3.metadata))
    warnings.push(`${name} (nbformat 3) has no metadata; it was read without.`);
  const cells: unknown[] = [];
  if (!Array.isArray(v3.worksheets)) {
    warnings.push(`${name} (nbformat 3) has no worksheets; it was read as an empty notebook.`);
  } else {
    for (const worksheet of v3.worksheets) {
      if (isObject(worksheet) && Array.isArray(worksheet.cells))
        cells.push(...worksheet.cells.map(convertCell));
      else warnings.push(`${name} (nbformat 3) has a worksheet without cells; it was skipped.`);
    }
  }
  return { document: { nbformat: 4, nbformat_minor: 5, metadata, cells }, warnings };
}

/** nbformat v3's _join_lines: lines from splitlines(True) are concatenated, others joined by "\n". */
function joinV3Lines(value: unknown): unknown {
  if (!Array.isArray(value) || !value.every((line) => typeof line === "string")) return value;
  const first = value[0] as string | undefined;
  return first !== undefined && !first.endsWith("\n") && !first.endsWith("\r")
    ? value.join("\n")
    : value.join("");
}

function convertCell(cell: unknown): unknown {
  if (!isObject(cell)) return cell;
  const metadata = isObject(cell.metadata) ? cell.metadata : {};
  switch (cell.cell_type) {
    case "code": {
      const converted: Json = {
        cell_type: "code",
        metadata: "collapsed" in cell ? { ...metadata, collapsed: cell.collapsed } : metadata,
        source: joinV3Lines(cell.input) ?? "",
        execution_count: cell.prompt_number ?? null,
        outputs: Array.isArray(cell.outputs) ? cell.outputs.map(convertOutput) : [],
      };
      return converted;
    }
    case "heading": {
      const source = joinV3Lines(cell.source) ?? "";
      const level = typeof cell.level === "number" ? cell.level : 1;
      // Python's " ".join(source.splitlines()): one line, line ends become spaces.
      const text =
        typeof source === "string" ? splitLines(source).map(withoutLineEnd).join(" ") : "";
      return { cell_type: "markdown", metadata, source: `${"#".repeat(level)} ${text}` };
    }
    default: {
      const type = cell.cell_type === "html" ? "markdown" : cell.cell_type;
      const converted: Json = { cell_type: type, metadata, source: joinV3Lines(cell.source) ?? "" };
      if ("attachments" in cell) converted.attachments = cell.attachments;
      return converted;
    }
  }
}

function convertOutput(output: unknown): unknown {
  if (!isObject(output)) return output;
  const type = output.output_type;
  if (type === "pyout" || type === "display_data") {
    const converted: Json = { output_type: type === "pyout" ? "execute_result" : "display_data" };
    if (type === "pyout") converted.execution_count = output.prompt_number ?? null;
    const data: JsonObject = {};
    for (const [key, value] of Object.entries(output)) {
      if (["output_type", "prompt_number", "metadata"].includes(key)) continue;
      const joined = V3_MULTILINE_OUTPUT_KEYS.has(key) ? joinV3Lines(value) : value;
      data[V3_MIME[key] ?? key] = joined as JsonValue;
    }
    const json = data["application/json"];
    if (typeof json === "string") data["application/json"] = parseV3Json(json);
    converted.data = data;
    converted.metadata = isObject(output.metadata) ? renameMimeKeys(output.metadata) : {};
    return converted;
  }
  if (type === "pyerr") return { ...output, output_type: "error" };
  if (type === "stream") {
    const { stream, ...rest } = output;
    return { ...rest, name: stream ?? "stdout", text: joinV3Lines(output.text) };
  }
  return output;
}

/** v3 stored application/json as a string of JSON; keep the string if it does not parse. */
function parseV3Json(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

function renameMimeKeys(metadata: Json): Json {
  const renamed = copyObject(metadata);
  for (const [alias, mime] of Object.entries(V3_MIME)) {
    if (alias in renamed) {
      renamed[mime] = renamed[alias];
      delete renamed[alias];
    }
  }
  return renamed;
}
