// The cell editor drawn as terminal lines for a given width. Long lines wrap at display columns
// (wide characters take two, clusters stay whole), one column is kept free on the right so the
// cursor at the end of a full row still fits, and only the visual rows of the requested window
// are built: row counts are cached per line text, so the total of a 10,000-line cell is cheap.

import { sanitize } from "../../terminal/sanitize.js";
import { displayWidth } from "../../terminal/width.js";
import { glyphsOf, isPlainAscii, wrapStarts } from "./glyphs.js";
import { highlightLines, type LineStyles } from "./highlight.js";
import type { Position, Snapshot } from "./history.js";
import { changedRange } from "./line-diff.js";
import { LruFamily } from "./lru.js";

/** A syntax error's place in the buffer: a row and UTF-16 indices [start, end) in that line. */
export interface ErrorMark {
  readonly row: number;
  readonly start: number;
  readonly end: number;
}

export interface GutterOptions {
  /** Text before the first row (e.g. "In [3]: "); rows below get as many spaces. */
  prompt?: string;
  lineNumbers?: boolean;
}

export interface LayoutOptions extends GutterOptions {
  /** Total columns, gutter included. */
  width: number;
  /** The notebook language ("python" by default); "plain" draws no syntax colour. */
  language?: string;
  /** Syntax colour on (default) or off; cursor and selection are drawn either way. */
  colour?: boolean;
  /** The visual rows to build; all rows when absent. */
  window?: { start: number; count: number };
  error?: ErrorMark | null;
  /** Draw the cursor (default true). */
  cursor?: boolean;
}

export interface EditorLayout extends EditorMetrics {
  /** Terminal lines for the window: SGR only, each at most `width` columns. */
  readonly lines: string[];
  readonly windowStart: number;
  /** The buffer line of the window's last row (-1 for an empty window). */
  readonly windowLastLine: number;
}

const RESET = "\u001b[0m";
const CURSOR = "7";
const SELECTION = "44";
const ERROR = "4;31";
const ERROR_AT_END = "41";
const DIM = "2";

interface Gutter {
  width: number;
  prompt: string;
  promptWidth: number;
  numberWidth: number;
}

function gutterFor(lineCount: number, width: number, options: GutterOptions): Gutter {
  const prompt = options.prompt ? sanitize(options.prompt, { keepColour: true }) : "";
  const promptWidth = displayWidth(prompt);
  const numberWidth = options.lineNumbers ? String(lineCount).length + 1 : 0;
  // A window too narrow for a gutter and some text drops the gutter rather than the text.
  if (width - promptWidth - numberWidth < 4)
    return { width: 0, prompt: "", promptWidth: 0, numberWidth: 0 };
  return { width: promptWidth + numberWidth, prompt, promptWidth, numberWidth };
}

/** Columns a row of text may fill: one is kept for the cursor after a full row. */
function wrapWidth(width: number, gutter: Gutter): number {
  return Math.max(2, width - gutter.width - 1);
}

const rowCounts = new LruFamily<number>(50_000);

function rowsOf(line: string, wrap: number): number {
  // No UTF-16 unit is wider than a tab's four columns.
  if (line.length * 4 <= wrap) return 1;
  if (isPlainAscii(line)) return Math.max(1, Math.ceil(line.length / wrap));
  return rowCounts.of(wrap).getOrMake(line, () => wrapStarts(line, wrap).length);
}

const prefixCache = new WeakMap<readonly string[], { wrap: number; before: Uint32Array }>();
let lastPrefix: { lines: readonly string[]; wrap: number; before: Uint32Array } | null = null;

/** Visual rows before each line (and the total at the end), cached per line array and
 *  recomputed after an edit only for the lines that changed. */
function rowsBefore(lines: readonly string[], wrap: number): Uint32Array {
  const known = prefixCache.get(lines);
  if (known?.wrap === wrap) return known.before;
  const before = new Uint32Array(lines.length + 1);
  let from = 0;
  let to = lines.length;
  let shift = 0;
  const old = lastPrefix?.wrap === wrap ? lastPrefix : null;
  if (old) {
    const range = changedRange(old.lines, lines);
    before.set(old.before.subarray(0, range.start + 1));
    from = range.start;
    to = range.newEnd;
    shift = range.oldEnd - range.newEnd;
  }
  for (let i = from; i < to; i++)
    before[i + 1] = (before[i] as number) + rowsOf(lines[i] as string, wrap);
  if (old && to < lines.length) {
    // Lines after the edit keep their rows: the old running totals, moved by the difference.
    const delta = (before[to] as number) - (old.before[to + shift] as number);
    for (let i = to + 1; i <= lines.length; i++)
      before[i] = (old.before[i + shift] as number) + delta;
  }
  prefixCache.set(lines, { wrap, before });
  lastPrefix = { lines, wrap, before };
  return before;
}

/** The rows a cell's text takes at `width` (what the shell caches as the editor's height). */
export function visualRowCount(
  lines: readonly string[],
  width: number,
  options: GutterOptions = {},
): number {
  const gutter = gutterFor(lines.length, width, options);
  return rowsBefore(lines, wrapWidth(width, gutter))[lines.length] as number;
}

/** The line holding visual row `row`. */
function lineOfRow(before: Uint32Array, row: number): number {
  let lo = 0;
  let hi = before.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((before[mid] as number) <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The top row that keeps the cursor in a window of `height` rows, moving as little as possible. */
export function followCursor(
  top: number,
  cursorRow: number,
  height: number,
  totalRows: number,
): number {
  let next = top;
  if (cursorRow < next) next = cursorRow;
  else if (cursorRow >= next + height) next = cursorRow - height + 1;
  return Math.max(0, Math.min(next, totalRows - height));
}

interface LineMarks {
  styles: LineStyles;
  selection: { start: number; end: number; pastEnd: boolean } | null;
  cursor: number | null;
  error: { start: number; end: number } | null;
  colour: boolean;
}

function sgrAt(index: number, marks: LineMarks, runIndex: { i: number }): string {
  const parts: string[] = [];
  const runs = marks.styles;
  while (runIndex.i < runs.length && (runs[runIndex.i] as { end: number }).end <= index)
    runIndex.i++;
  const run = runs[runIndex.i];
  if (marks.colour && run && run.start <= index) parts.push(run.sgr);
  if (marks.error && index >= marks.error.start && index < marks.error.end) parts.push(ERROR);
  if (marks.selection && index >= marks.selection.start && index < marks.selection.end)
    parts.push(SELECTION);
  if (marks.cursor === index) parts.push(CURSOR);
  return parts.join(";");
}

/** One visual row: the glyphs of line[from, to), plus the end-of-line cell when it is the last. */
function drawRow(line: string, from: number, to: number, last: boolean, marks: LineMarks): string {
  let out = "";
  let open = "";
  const runIndex = { i: 0 };
  const put = (text: string, sgr: string) => {
    if (sgr !== open) {
      out += (open ? RESET : "") + (sgr ? `\u001b[${sgr}m` : "");
      open = sgr;
    }
    out += text;
  };
  const piece = line.slice(from, to);
  for (const { index, glyph } of glyphsOf(piece))
    put(glyph.text, sgrAt(from + index, marks, runIndex));
  if (last) {
    const end = line.length;
    const parts: string[] = [];
    if (marks.error && marks.error.start >= end) parts.push(ERROR_AT_END);
    if (marks.selection?.pastEnd) parts.push(SELECTION);
    if (marks.cursor === end) parts.push(CURSOR);
    if (parts.length) put(" ", parts.join(";"));
  }
  return open ? out + RESET : out;
}

function marksFor(
  state: Snapshot,
  row: number,
  styles: LineStyles,
  options: LayoutOptions,
  range: { start: Position; end: Position } | null,
): LineMarks {
  const line = state.lines[row] as string;
  let selection: LineMarks["selection"] = null;
  if (range && range.start.row <= row && range.end.row >= row) {
    selection = {
      start: range.start.row === row ? range.start.col : 0,
      end: range.end.row === row ? range.end.col : line.length,
      pastEnd: range.end.row > row,
    };
  }
  const error = options.error?.row === row ? options.error : null;
  return {
    styles,
    selection,
    cursor: options.cursor !== false && state.cursor.row === row ? state.cursor.col : null,
    error,
    colour: options.colour !== false,
  };
}

function gutterText(gutter: Gutter, row: number, wrapRow: number, error: boolean): string {
  let text = row === 0 && wrapRow === 0 ? gutter.prompt : " ".repeat(gutter.promptWidth);
  if (gutter.numberWidth) {
    const number = wrapRow === 0 ? String(row + 1).padStart(gutter.numberWidth - 1) : "";
    text += `\u001b[${error ? "31" : DIM}m${number.padEnd(gutter.numberWidth)}${RESET}`;
  }
  return text;
}

function orderedSelection(state: Snapshot): { start: Position; end: Position } | null {
  const { anchor, cursor } = state;
  if (!anchor || (anchor.row === cursor.row && anchor.col === cursor.col)) return null;
  const anchorFirst =
    anchor.row < cursor.row || (anchor.row === cursor.row && anchor.col < cursor.col);
  return anchorFirst ? { start: anchor, end: cursor } : { start: cursor, end: anchor };
}

export interface EditorMetrics {
  readonly totalRows: number;
  /** The cursor's visual row (over all rows) and column (after the gutter). */
  readonly cursorRow: number;
  readonly cursorColumn: number;
  readonly gutterWidth: number;
  /** Columns a row of text fills before it wraps. */
  readonly wrap: number;
}

interface Geometry extends EditorMetrics {
  gutter: Gutter;
  before: Uint32Array;
}

function geometry(state: Snapshot, options: LayoutOptions): Geometry {
  const { lines } = state;
  const gutter = gutterFor(lines.length, options.width, options);
  const wrap = wrapWidth(options.width, gutter);
  const before = rowsBefore(lines, wrap);
  const cursorLine = lines[state.cursor.row] ?? "";
  const starts = wrapStarts(cursorLine, wrap);
  let wrapRow = 0;
  while (wrapRow + 1 < starts.length && (starts[wrapRow + 1] as number) <= state.cursor.col)
    wrapRow++;
  let cursorColumn = 0;
  const beforeCursor = cursorLine.slice(starts[wrapRow] as number, state.cursor.col);
  for (const { glyph } of glyphsOf(beforeCursor)) cursorColumn += glyph.width;
  return {
    gutter,
    wrap,
    before,
    totalRows: before[lines.length] as number,
    cursorRow: (before[state.cursor.row] as number) + wrapRow,
    cursorColumn,
    gutterWidth: gutter.width,
  };
}

/** Row count and cursor place without drawing anything: enough to pick the window to draw. */
export function editorMetrics(state: Snapshot, options: LayoutOptions): EditorMetrics {
  const { totalRows, cursorRow, cursorColumn, gutterWidth, wrap } = geometry(state, options);
  return { totalRows, cursorRow, cursorColumn, gutterWidth, wrap };
}

export function layoutEditor(state: Snapshot, options: LayoutOptions): EditorLayout {
  const { lines } = state;
  const metrics = geometry(state, options);
  const { gutter, wrap, before, totalRows } = metrics;
  const windowStart = Math.max(0, Math.min(options.window?.start ?? 0, totalRows));
  const windowEnd = Math.min(totalRows, windowStart + (options.window?.count ?? totalRows));
  const out: string[] = [];
  let windowLastLine = -1;
  if (windowEnd > windowStart) {
    const firstLine = lineOfRow(before, windowStart);
    const lastLine = lineOfRow(before, windowEnd - 1);
    windowLastLine = lastLine;
    const styles = highlightLines(lines, options.language, firstLine, lastLine + 1);
    const range = orderedSelection(state);
    for (let row = firstLine; row <= lastLine; row++) {
      const line = lines[row] as string;
      const marks = marksFor(state, row, styles[row - firstLine] ?? [], options, range);
      const starts = wrapStarts(line, wrap);
      for (let w = 0; w < starts.length; w++) {
        const visual = (before[row] as number) + w;
        if (visual < windowStart || visual >= windowEnd) continue;
        const last = w === starts.length - 1;
        const text = drawRow(
          line,
          starts[w] as number,
          last ? line.length : (starts[w + 1] as number),
          last,
          marks,
        );
        // The glyphs are already inert; the sanitizer is the one guarantee for what leaves here.
        out.push(
          sanitize(gutterText(gutter, row, w, marks.error !== null) + text, { keepColour: true }),
        );
      }
    }
  }
  return {
    lines: out,
    windowStart,
    windowLastLine,
    totalRows,
    cursorRow: metrics.cursorRow,
    cursorColumn: metrics.cursorColumn,
    gutterWidth: gutter.width,
    wrap: metrics.wrap,
  };
}
