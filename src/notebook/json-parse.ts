// A JSON parser that reads what Python's json module reads (including NaN and Infinity) and keeps
// what JSON.parse would lose: whether a number was written as a float (1.0) and the digits of
// integers beyond 2^53 (recorded with number-marks). Errors say where, by line and column.

import { markNumber } from "./number-marks.js";
import { pythonFloatRepr } from "./python-json.js";
import type { JsonValue } from "./types.js";

/** Deeper nesting than this is refused rather than overflowing the stack. */
export const MAX_JSON_DEPTH = 1000;

export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

export function parseJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail("unexpected", parser.pos, "after the end of the data");
  return value;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  parseValue(depth: number): JsonValue {
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.parseObject(depth + 1);
      case "[":
        return this.parseArray(depth + 1);
      case '"':
        return this.parseString();
      case "t":
        return this.parseWord("true", true);
      case "f":
        return this.parseWord("false", false);
      case "n":
        return this.parseWord("null", null);
      case "N":
        return this.parseWord("NaN", Number.NaN);
      case "I":
        return this.parseWord("Infinity", Number.POSITIVE_INFINITY);
      default:
        if (c === "-" && this.text.startsWith("-Infinity", this.pos)) {
          return this.parseWord("-Infinity", Number.NEGATIVE_INFINITY);
        }
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.parseNumberValue();
        return this.fail("unexpected", this.pos, "where a value was expected");
    }
  }

  private enter(depth: number): void {
    if (depth > MAX_JSON_DEPTH) {
      this.fail(`data nested more than ${MAX_JSON_DEPTH} levels deep`, this.pos);
    }
    this.pos++;
    this.skipWhitespace();
  }

  private parseObject(depth: number): JsonValue {
    this.enter(depth);
    const object: { [key: string]: JsonValue } = {};
    if (this.text[this.pos] === "}") {
      this.pos++;
      return object;
    }
    for (;;) {
      if (this.text[this.pos] !== '"')
        this.fail("unexpected", this.pos, "where a key was expected");
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") this.fail("unexpected", this.pos, "where ':' was expected");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseMember(object, key, depth);
      if (key === "__proto__") {
        Object.defineProperty(object, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        object[key] = value;
      }
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "}") return object;
      if (next !== ",") this.fail("unexpected", this.pos - 1, "where ',' or '}' was expected");
      this.skipWhitespace();
    }
  }

  private parseArray(depth: number): JsonValue {
    this.enter(depth);
    const array: JsonValue[] = [];
    if (this.text[this.pos] === "]") {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.parseMember(array, String(array.length), depth));
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "]") return array;
      if (next !== ",") this.fail("unexpected", this.pos - 1, "where ',' or ']' was expected");
      this.skipWhitespace();
    }
  }

  /** A value inside a container: numbers that need their lexeme are marked on the container. */
  private parseMember(container: object, key: string, depth: number): JsonValue {
    const start = this.pos;
    const value = this.parseValue(depth);
    if (typeof value === "number") {
      const text = pythonTextIfLost(this.text.slice(start, this.pos), value);
      if (text !== undefined) markNumber(container, key, value, text);
    }
    return value;
  }

  private parseWord<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos))
      this.fail("unexpected", this.pos, "where a value was expected");
    this.pos += word.length;
    return value;
  }

  private parseNumberValue(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text[pos] === "-") pos++;
    if (text[pos] === "0") pos++;
    else if (isDigit(text, pos)) while (isDigit(text, pos)) pos++;
    else this.fail("unexpected", pos, "in a number");
    if (text[pos] === ".") {
      pos++;
      if (!isDigit(text, pos)) this.fail("unexpected", pos, "after a decimal point");
      while (isDigit(text, pos)) pos++;
    }
    if (text[pos] === "e" || text[pos] === "E") {
      pos++;
      if (text[pos] === "+" || text[pos] === "-") pos++;
      if (!isDigit(text, pos)) this.fail("unexpected", pos, "in an exponent");
      while (isDigit(text, pos)) pos++;
    }
    this.pos = pos;
    return Number(text.slice(start, pos));
  }

  // Strings are scanned with indexOf and a regular expression (native code) rather than char by
  // char: notebooks are mostly long strings. The next backslash and control character are
  // remembered until the scan passes them.
  private nextBackslash = -1;
  private nextControl = -1;

  parseString(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let result = "";
    let quote = -1;
    for (;;) {
      if (quote < pos) quote = indexOrEnd(text, text.indexOf('"', pos));
      if (this.nextBackslash < pos) this.nextBackslash = indexOrEnd(text, text.indexOf("\\", pos));
      if (this.nextControl < pos) {
        CONTROL.lastIndex = pos;
        this.nextControl = indexOrEnd(text, CONTROL.exec(text)?.index ?? -1);
      }
      const stop = Math.min(quote, this.nextBackslash, this.nextControl);
      result += text.slice(pos, stop);
      if (stop === text.length) this.fail("unterminated string", this.pos);
      if (stop === quote) {
        this.pos = quote + 1;
        return result;
      }
      if (stop === this.nextControl) {
        this.fail("unescaped control character", stop, `(${describeChar(text, stop)}) in a string`);
      }
      const escapeChar = text[stop + 1];
      if (escapeChar === "u") {
        const hex = text.slice(stop + 2, stop + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape", stop);
        result += String.fromCharCode(Number.parseInt(hex, 16));
        pos = stop + 6;
      } else {
        const replacement = escapeChar === undefined ? undefined : ESCAPES[escapeChar];
        if (replacement === undefined) {
          if (escapeChar === undefined) this.fail("unterminated string", this.pos);
          this.fail(`invalid escape '\\${escapeChar}'`, stop);
        }
        result += replacement;
        pos = stop + 2;
      }
    }
  }

  fail(reason: string, pos: number, context?: string): never {
    let message = reason;
    if (reason === "unexpected") {
      message =
        pos >= this.text.length
          ? "unexpected end of file"
          : `unexpected ${describeChar(this.text, pos)}`;
      if (context && pos < this.text.length) message += ` ${context}`;
    } else if (context) {
      message += ` ${context}`;
    }
    const before = this.text.slice(0, Math.min(pos, this.text.length));
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = countNewlines(before) + 1;
    // Columns count characters (code points), 1-based, as editors show them.
    const column = Array.from(before.slice(lineStart)).length + 1;
    throw new JsonSyntaxError(message, line, column);
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const CONTROL = /[\x00-\x1f]/g;

function indexOrEnd(text: string, index: number): number {
  return index === -1 ? text.length : index;
}

function isDigit(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return c >= 0x30 && c <= 0x39;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function describeChar(text: string, pos: number): string {
  const code = text.codePointAt(pos) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${String.fromCodePoint(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * What Python would write for this lexeme, when writing the JavaScript number alone would differ:
 * floats with an integral value (Python keeps `1.0`) and integers beyond 2^53 (Python keeps digits).
 * A float too large for a double (1e400) keeps its own text: Python would write `Infinity`, which
 * strict JSON parsers refuse, so the value is left as the file had it.
 */
function pythonTextIfLost(lexeme: string, value: number): string | undefined {
  if (!/^-?\d/.test(lexeme)) return undefined; // NaN, Infinity, -Infinity
  if (!Number.isFinite(value)) return lexeme;
  const isFloat = /[.eE]/.test(lexeme);
  if (isFloat) return Number.isInteger(value) ? pythonFloatRepr(value) : undefined;
  if (Number.isSafeInteger(value)) return undefined;
  return BigInt(lexeme).toString();
}
