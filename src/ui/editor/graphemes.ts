// Cursor stops inside one line: grapheme-cluster boundaries and word edges, as UTF-16 indices.
// Source text is mostly ASCII, so the common case skips Intl.Segmenter; the segmenter is asked
// only near non-ASCII text, and only about the one cluster around the cursor.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Two adjacent ASCII characters never join into one cluster (CR LF cannot occur: lines hold no CR). */
function ascii(line: string, index: number): boolean {
  return index < 0 || index >= line.length || line.charCodeAt(index) < 0x80;
}

function clusterAt(line: string, index: number): { start: number; end: number } {
  const segment = segmenter.segment(line).containing(index);
  if (!segment) return { start: line.length, end: line.length };
  return { start: segment.index, end: segment.index + segment.segment.length };
}

/** The boundary after the cluster that starts at `col`. */
export function nextBoundary(line: string, col: number): number {
  if (col >= line.length) return line.length;
  if (ascii(line, col) && ascii(line, col + 1)) return col + 1;
  return clusterAt(line, col).end;
}

/** The boundary before `col` (the start of the cluster that ends at `col`). */
export function prevBoundary(line: string, col: number): number {
  if (col <= 0) return 0;
  if (ascii(line, col - 1) && ascii(line, col - 2)) return col - 1;
  return clusterAt(line, col - 1).start;
}

/** `col` moved forward to a cluster boundary if it falls inside a cluster. */
export function snapForward(line: string, col: number): number {
  if (col <= 0) return 0;
  if (col >= line.length) return line.length;
  if (ascii(line, col - 1) && ascii(line, col)) return col;
  const cluster = clusterAt(line, col);
  return cluster.start === col ? col : cluster.end;
}

/** `col` moved back to a cluster boundary if it falls inside a cluster. */
export function snapBack(line: string, col: number): number {
  if (col <= 0) return 0;
  if (col >= line.length) return line.length;
  if (ascii(line, col - 1) && ascii(line, col)) return col;
  return clusterAt(line, col).start;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;

function codePointBefore(line: string, index: number): string {
  const low = line.charCodeAt(index - 1);
  const high = line.charCodeAt(index - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return line.slice(pair ? index - 2 : index - 1, index);
}

function codePointAt(line: string, index: number): string {
  return String.fromCodePoint(line.codePointAt(index) ?? 0);
}

/** Start of the word (or run of punctuation) before `col`, skipping spaces first. */
export function wordStartBefore(line: string, col: number): number {
  let i = col;
  while (i > 0 && SPACE.test(codePointBefore(line, i))) i -= codePointBefore(line, i).length;
  if (i === 0) return 0;
  const word = WORD.test(codePointBefore(line, i));
  while (i > 0) {
    const ch = codePointBefore(line, i);
    if (SPACE.test(ch) || WORD.test(ch) !== word) break;
    i -= ch.length;
  }
  return snapBack(line, i);
}

/** End of the word (or run of punctuation) after `col`, skipping spaces first. */
export function wordEndAfter(line: string, col: number): number {
  let i = col;
  while (i < line.length && SPACE.test(codePointAt(line, i))) i += codePointAt(line, i).length;
  if (i >= line.length) return line.length;
  const word = WORD.test(codePointAt(line, i));
  while (i < line.length) {
    const ch = codePointAt(line, i);
    if (SPACE.test(ch) || WORD.test(ch) !== word) break;
    i += ch.length;
  }
  return snapForward(line, i);
}

/** True when every character is a letter, digit, mark or underscore: typing that coalesces. */
export function isWordText(text: string): boolean {
  return /^[\p{L}\p{N}\p{M}_]+$/u.test(text);
}
