// Display width of text in terminal columns. Wide characters (CJK) take two columns and a
// grapheme cluster (an emoji with joiners, a letter with combining marks) is one unit, so
// cursors, wrapping and table columns line up with what the terminal actually draws.

import { createRequire } from "node:module";

// Setting up grapheme segmentation (ICU's break data, which string-width also loads when imported)
// costs 30-100 ms. Both wait for the first text that needs them, so `oprel run`, whose output is
// mostly narrow text, never pays it at start.
let segmenter: Intl.Segmenter | undefined;
let wideWidth: ((text: string) => number) | undefined;

function stringWidth(text: string): number {
  wideWidth ??= (createRequire(import.meta.url)("string-width") as typeof import("string-width"))
    .default;
  return wideWidth(text);
}

/**
 * Ranges of characters that are one column wide whatever follows them (checked against
 * string-width, code point by code point, in test/unit/terminal/width.test.ts): ASCII, Latin and
 * the punctuation, arrows, maths and box drawing the UI draws with.
 */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x22ff],
  [0x2500, 0x25fc],
  [0x2713, 0x2717],
  [0x27e0, 0x27ff],
];

function isNarrow(code: number): boolean {
  for (const [from, to] of NARROW_RANGES) if (code >= from && code <= to) return true;
  return false;
}

/** Digits, ";" and ":" (NaN past the end is none of them). */
function isSgrParameter(code: number): boolean {
  return code >= 0x30 && code <= 0x3b;
}

/** Columns the text takes; SGR colour sequences count as zero. */
export function displayWidth(text: string): number {
  // The common case, narrow characters and SGR sequences, needs no grapheme segmentation.
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x1b && text.charCodeAt(i + 1) === 0x5b) {
      let end = i + 2;
      while (isSgrParameter(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) !== 0x6d) return stringWidth(text);
      i = end;
    } else if (code < 0x7f ? code >= 0x20 : isNarrow(code)) width++;
    else return stringWidth(text);
  }
  return width;
}

/** The text split into grapheme clusters, the units a cursor moves over. */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Pads with spaces on the right to `width` columns (never truncates). */
export function padEndColumns(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The longest start of the text that fits in `width` columns, cut between grapheme clusters. */
export function truncateColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let used = 0;
  let kept = "";
  for (const unit of graphemes(text)) {
    used += displayWidth(unit);
    if (used > width) break;
    kept += unit;
  }
  return kept;
}
