// Parameter values as Python sees them. Python tells int from float, JavaScript does not:
// a bigint stands for a Python int and a number for a Python float, so `1.0` stays a float.

import { OprelError } from "../../errors.js";
import type { JsonValue } from "../../notebook/types.js";

export type ParamValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | ParamValue[]
  | { [key: string]: ParamValue };

export type ParamMap = Record<string, ParamValue>;

/** Python's type name for a value, as used in messages. */
export function pythonTypeName(value: ParamValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "str";
  return Array.isArray(value) ? "list" : "dict";
}

// int("  -1_000 ") works in Python; so do leading zeros for decimal ints written as text.
const INT_TEXT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const DIGITS = String.raw`\d+(?:_\d+)*`;
const FLOAT_TEXT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  "i",
);

/** Python's int(text), or undefined where Python would raise ValueError. */
export function parsePythonInt(text: string): bigint | undefined {
  return INT_TEXT.test(text) ? BigInt(text.trim().replaceAll("_", "")) : undefined;
}

/** Python's float(text), or undefined where Python would raise ValueError. */
export function parsePythonFloat(text: string): number | undefined {
  if (!FLOAT_TEXT.test(text)) return undefined;
  const t = text.trim().replaceAll("_", "").toLowerCase();
  const sign = t.startsWith("-") ? -1 : 1;
  const body = t.replace(/^[+-]/, "");
  if (body.startsWith("inf")) return sign * Number.POSITIVE_INFINITY;
  if (body === "nan") return Number.NaN;
  return Number(t);
}

/** papermill's `-p` inference: True/False/None, then int, then float, else the text itself. */
export function inferValue(text: string): ParamValue {
  if (text === "True") return true;
  if (text === "False") return false;
  if (text === "None") return null;
  return parsePythonInt(text) ?? parsePythonFloat(text) ?? text;
}

const PYTHON_KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except finally " +
    "for from global if import in is lambda nonlocal not or pass raise return try while with yield"
  ).split(" "),
);

/** A name the injected cell can assign to. */
export function isPythonIdentifier(name: string): boolean {
  return (
    /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name) &&
    !PYTHON_KEYWORDS.has(name)
  );
}

/**
 * The value as JSON for the notebook's metadata. JSON has no int/float split, no NaN and no
 * infinity: non-finite floats are recorded as the strings "nan", "inf" and "-inf", and ints
 * beyond 2^53 as their decimal text.
 */
export function toJson(value: ParamValue): JsonValue {
  if (typeof value === "bigint") {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toJson);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
}

/** Refuses a parameter name Python could not assign to; origin says where it came from. */
export function checkName(name: string, origin: string): void {
  if (!isPythonIdentifier(name)) {
    throw new OprelError(
      "PARAMETER_INVALID",
      `${origin}: '${name}' is not a valid Python variable name.`,
      "Parameter names are identifiers such as learning_rate.",
    );
  }
}
