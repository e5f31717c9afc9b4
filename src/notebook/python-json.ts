// JSON text exactly as Python writes it with json.dumps(value, sort_keys=True, indent=1,
// ensure_ascii=False), which is how Jupyter saves notebooks. The differences from JSON.stringify:
// keys sorted by code point, one-space indentation, and Python's number formatting.

import { RARE_LINE_END, splitLines } from "./multiline.js";
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

/** Where the writer puts its pieces: an array, or a sink that hands them on in chunks. */
export interface JsonOut {
  push(...pieces: string[]): unknown;
}

/**
 * A multi-line string to be written as the array of its lines (nbformat's disk form), split while
 * writing: a large output never exists as an array of lines and as text at the same time.
 */
export class LinesValue {
  constructor(readonly text: string) {}
}

/** Serializes like Python's json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False). */
export function dumpPythonJson(value: unknown): string {
  const out: string[] = [];
  writeValue(out, value, "\n");
  return out.join("");
}

/** dumpPythonJson, handing the text to `out` piece by piece instead of returning it. */
export function writePythonJson(out: JsonOut, value: unknown): void {
  writeValue(out, value, "\n");
}

/** Lines written per join: enough to make joining cheap, few enough to bound the memory it takes. */
const LINES_PER_PIECE = 4096;

function writeValue(out: JsonOut, value: unknown, newline: string): void {
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
      else if (value instanceof LinesValue) writeLines(out, value.text, newline);
      else if (Array.isArray(value)) writeArray(out, value, newline);
      else writeObject(out, value as Record<string, unknown>, newline);
      return;
    default:
      out.push("null");
  }
}

function writeMember(
  out: JsonOut,
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

function writeArray(out: JsonOut, array: readonly unknown[], newline: string): void {
  if (array.length === 0) {
    out.push("[]");
    return;
  }
  const inner = `${newline} `;
  // Lines of text (sources, streams) are most of a big notebook: joined in pieces, no per-item work.
  if (array.every((item) => typeof item === "string")) {
    writeStrings(out, array as readonly string[], inner, newline);
    return;
  }
  out.push("[");
  for (let i = 0; i < array.length; i++) {
    out.push(i === 0 ? inner : `,${inner}`);
    writeMember(out, array, String(i), array[i], inner);
  }
  out.push(newline, "]");
}

function writeStrings(
  out: JsonOut,
  strings: readonly string[],
  inner: string,
  newline: string,
): void {
  const separator = `,${inner}`;
  out.push("[", inner);
  for (let start = 0; start < strings.length; start += LINES_PER_PIECE) {
    const piece = strings.slice(start, start + LINES_PER_PIECE);
    out.push(
      start === 0 ? "" : separator,
      piece.map((item) => JSON.stringify(item)).join(separator),
    );
  }
  out.push(newline, "]");
}

/** The lines of `text` as splitLines gives them, a piece at a time. */
function writeLines(out: JsonOut, text: string, newline: string): void {
  if (text === "") {
    out.push("[]");
    return;
  }
  const inner = `${newline} `;
  if (RARE_LINE_END.test(text)) {
    writeStrings(out, splitLines(text), inner, newline);
    return;
  }
  const separator = `,${inner}`;
  out.push("[", inner);
  let start = 0;
  let first = true;
  while (start < text.length) {
    const piece: string[] = [];
    while (piece.length < LINES_PER_PIECE && start < text.length) {
      const end = text.indexOf("\n", start);
      const stop = end === -1 ? text.length : end + 1;
      piece.push(JSON.stringify(text.slice(start, stop)));
      start = stop;
    }
    out.push(first ? "" : separator, piece.join(separator));
    first = false;
  }
  out.push(newline, "]");
}

function writeObject(out: JsonOut, object: Record<string, unknown>, newline: string): void {
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
