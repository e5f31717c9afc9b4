// Render parameter values as Python source, the way papermill's Python translator does, so an
// injected cell written by oprel reads like one written by papermill.

import { pythonFloatRepr } from "../../notebook/python-json.js";
import type { ParamValue } from "./values.js";

/**
 * A double-quoted Python string literal. Like papermill (`unicode_escape`, then `"` -> `\"`):
 * printable ASCII stays, everything else becomes an escape, so the cell is pure ASCII.
 */
export function pythonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Python's repr() of a float; non-finite values as the float() calls that make them. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  return pythonFloatRepr(value);
}

/** Any parameter value as a Python expression that evaluates to it. */
export function pythonLiteral(value: ParamValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return pythonFloat(value);
  if (typeof value === "string") return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  const entries = Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonLiteral(v)}`);
  return `{${entries.join(", ")}}`;
}
