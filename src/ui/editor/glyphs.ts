// How one grapheme of cell source is drawn, and how wide it is. Source text is untrusted: a
// control character must never reach the terminal, yet dropping it (as the sanitizer does for
// outputs) would misalign the cursor with the text. So each control becomes one visible
// stand-in of width 1 (a Control Picture), and the text keeps one glyph per cluster.

import { displayWidth } from "../../terminal/width.js";

export const TAB_WIDTH = 4;
const TAB_TEXT = " ".repeat(TAB_WIDTH);
const REPLACEMENT = "\ufffd";

export interface Glyph {
  /** What the terminal is sent for this grapheme. */
  readonly text: string;
  /** Columns it takes. */
  readonly width: number;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Printable ASCII only: one column per character, every index a boundary. */
export function isPlainAscii(text: string): boolean {
  return PLAIN_ASCII.test(text);
}

export function glyph(grapheme: string): Glyph {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return { text: grapheme, width: 1 };
    if (code === 0x09) return { text: TAB_TEXT, width: TAB_WIDTH };
    // C0 controls and DEL have Control Pictures at U+2400..U+2421; C1 controls have none.
    if (code < 0x20) return { text: String.fromCharCode(0x2400 + code), width: 1 };
    if (code === 0x7f) return { text: "\u2421", width: 1 };
    if (code >= 0x80 && code <= 0x9f) return { text: REPLACEMENT, width: 1 };
  }
  const width = displayWidth(grapheme);
  // Zero-width clusters (bidi controls, joiners, a lone combining mark) would let the terminal
  // reorder or merge cells behind the cursor's back; show them as a visible stand-in instead.
  if (width === 0) return { text: REPLACEMENT, width: 1 };
  return { text: grapheme, width };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Each grapheme of `text` with its start index and glyph. */
export function* glyphsOf(text: string): Generator<{ index: number; glyph: Glyph }> {
  if (isPlainAscii(text)) {
    for (let i = 0; i < text.length; i++)
      yield { index: i, glyph: { text: text[i] as string, width: 1 } };
    return;
  }
  for (const part of segmenter.segment(text))
    yield { index: part.index, glyph: glyph(part.segment) };
}

/** Display columns taken by `line` up to index `col`. */
export function columnOf(line: string, col: number): number {
  const prefix = line.slice(0, col);
  if (isPlainAscii(prefix)) return prefix.length;
  let columns = 0;
  for (const { glyph: g } of glyphsOf(prefix)) columns += g.width;
  return columns;
}

/** The last grapheme boundary of `line` whose column is at most `column`. */
export function indexAtColumn(line: string, column: number): number {
  if (isPlainAscii(line)) return Math.min(column, line.length);
  let columns = 0;
  for (const { index, glyph: g } of glyphsOf(line)) {
    if (columns + g.width > column) return index;
    columns += g.width;
  }
  return line.length;
}

/** Start index of each visual row of `line` wrapped at `wrap` columns. */
export function wrapStarts(line: string, wrap: number): number[] {
  const starts = [0];
  if (isPlainAscii(line)) {
    for (let at = wrap; at < line.length; at += wrap) starts.push(at);
    return starts;
  }
  let used = 0;
  for (const { index, glyph: g } of glyphsOf(line)) {
    if (used + g.width > wrap && used > 0) {
      starts.push(index);
      used = 0;
    }
    used += g.width;
  }
  return starts;
}
