// Multi-line strings: in memory one string, on disk an array of lines each keeping its line end,
// split exactly as nbformat does with Python's str.splitlines(keepends=True).

import type { MultilineString } from "./types.js";

/** Every line boundary Python's str.splitlines recognises; "\r\n" counts as one. */
const LINE_END_SOURCE = "\\r\\n|[\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]";
const LINE_END = new RegExp(LINE_END_SOURCE, "g");
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are Python's line boundaries.
export const RARE_LINE_END = /[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const TRAILING_LINE_END = new RegExp(`(?:${LINE_END_SOURCE})$`);

/** Python's str.splitlines(True): "" gives [], and no line end is added to the last line. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  if (!RARE_LINE_END.test(text)) {
    // The common case, only "\n": indexOf is much faster than a regular expression.
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      lines.push(text.slice(start, end + 1));
      start = end + 1;
    }
    if (start < text.length) lines.push(text.slice(start));
    return lines;
  }
  for (const match of text.matchAll(LINE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    lines.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** A line from splitLines without its line end (Python's splitlines() without keepends). */
export function withoutLineEnd(line: string): string {
  return line.replace(TRAILING_LINE_END, "");
}

export function joinMultiline(value: MultilineString): string {
  return typeof value === "string" ? value : value.join("");
}

/** application/json and application/*+json hold JSON values, never split or joined. */
export function isJsonMime(mime: string): boolean {
  return mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

/** MIME types nbformat writes as arrays of lines: text/*, JavaScript and SVG. */
export function isLineSplitMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml";
}
