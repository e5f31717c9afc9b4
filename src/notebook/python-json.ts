// JSON text exactly as Python writes it with json.dumps(value, sort_keys=True, indent=1,
// ensure_ascii=False), which is how Jupyter saves notebooks. The differences from JSON.stringify:
// keys sorted by code point, one-space indentation, and Python's number formatting.

import { markedNumberText } from "./number-marks.js";

/** Python's repr() of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest digits that round-trip, as Python does.
  const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1) || "0";
  return `${sign}${whole}.${fraction}`;
}

/** A number with no recorded lexeme: integral values are Python ints, the rest floats. */
export function formatPythonNumber(value: number): string {
  if (!Number.isInteger(value)) return pythonFloatRepr(value);
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** Orders strings by code point, as Python does (JavaScript's default compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (astral characters) sort after every other BMP unit when comparing code points.
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2800 : unit;
}

/** Serializes like Python's json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False). */
export function dumpPythonJson(value: unknown): string {
  const out: string[] = [];
  writeValue(out, value, "\n");
  return out.join("");
}

function writeValue(out: string[], value: unknown, newline: string): void {
  switch (typeof value) {
    case "string":
      // JSON.stringify escapes exactly what Python escapes with ensure_ascii=False
      // (quote, backslash, C0 controls as \b \f \n \r \t or lowercase \u00XX).
      out.push(JSON.stringify(value));
      return;
    case "number":
      out.push(formatPythonNumber(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "object":
      if (value === null) out.push("null");
      else if (Array.isArray(value)) writeArray(out, value, newline);
      else writeObject(out, value as Record<string, unknown>, newline);
      return;
    default:
      out.push("null");
  }
}

function writeMember(
  out: string[],
  container: object,
  key: string,
  value: unknown,
  newline: string,
) {
  if (typeof value === "number") {
    out.push(markedNumberText(container, key, value) ?? formatPythonNumber(value));
  } else {
    writeValue(out, value, newline);
  }
}

function writeArray(out: string[], array: readonly unknown[], newline: string): void {
  if (array.length === 0) {
    out.push("[]");
    return;
  }
  const inner = `${newline} `;
  // Lines of text (sources, streams) are most of a big notebook: one join, no per-item work.
  if (array.every((item) => typeof item === "string")) {
    out.push("[", inner, array.map((item) => JSON.stringify(item)).join(`,${inner}`), newline, "]");
    return;
  }
  out.push("[");
  for (let i = 0; i < array.length; i++) {
    out.push(i === 0 ? inner : `,${inner}`);
    writeMember(out, array, String(i), array[i], inner);
  }
  out.push(newline, "]");
}

function writeObject(out: string[], object: Record<string, unknown>, newline: string): void {
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort(compareCodePoints);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  const inner = `${newline} `;
  out.push("{");
  keys.forEach((key, i) => {
    out.push(i === 0 ? inner : `,${inner}`, JSON.stringify(key), ": ");
    writeMember(out, object, key, object[key], inner);
  });
  out.push(newline, "}");
}
