// Wrapping a line to the terminal's width, as a terminal wraps: at the column, not at words, so
// output looks as it would when printed. Works in display columns (wide characters take two,
// grapheme clusters stay whole) and keeps SGR colour: each row starts with the colour in force
// and ends with a reset, so every row can be drawn on its own.

import { SGR_RESET, sgrApply } from "./sgr.js";
import { displayWidth, graphemes } from "./width.js";

const TAB_STOP = 8;
// Printable ASCII only: one column per character, no colour, no tabs.
const SIMPLE = /^[\x20-\x7e]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
const TOKEN = /\u001b\[([0-9;:]*)m|(\t)|([\x20-\x7e]+)|([^\x00-\x1f\x7f]+)|[\s\S]/gy;

const widthCache = new Map<string, number>();

/** Columns one grapheme cluster takes (cached: outputs repeat the same few characters). */
function clusterWidth(cluster: string): number {
  let width = widthCache.get(cluster);
  if (width === undefined) {
    width = displayWidth(cluster);
    if (widthCache.size < 10_000) widthCache.set(cluster, width);
  }
  return width;
}

/**
 * The rows `line` takes at `width` columns (at least one row, "" for an empty line). Tabs become
 * spaces up to the next stop; control characters other than SGR are dropped (lines are expected
 * to come from the sanitizer already).
 */
export function wrapLine(line: string, width: number): string[] {
  const columns = Math.max(1, Math.floor(width));
  if (SIMPLE.test(line)) {
    if (line.length <= columns) return [line];
    const rows: string[] = [];
    for (let at = 0; at < line.length; at += columns) rows.push(line.slice(at, at + columns));
    return rows;
  }
  const rows: string[] = [];
  let active = "";
  let row = "";
  let used = 0;
  const newRow = () => {
    rows.push(active === "" ? row : row + SGR_RESET);
    row = active;
    used = 0;
  };
  const put = (text: string, cells: number) => {
    if (used + cells > columns && used > 0) newRow();
    row += text;
    used += cells;
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(line); match !== null; match = TOKEN.exec(line)) {
    const [token, params, tab, ascii, other] = match;
    if (params !== undefined) {
      row += token;
      active = sgrApply(active, token, params);
    } else if (tab !== undefined) {
      if (used >= columns) newRow();
      const spaces = Math.min(TAB_STOP - (used % TAB_STOP), columns - used);
      put(" ".repeat(spaces), spaces);
    } else if (ascii !== undefined) {
      for (let at = 0; at < ascii.length; ) {
        if (used >= columns) newRow();
        const take = Math.min(columns - used, ascii.length - at);
        put(ascii.slice(at, at + take), take);
        at += take;
      }
    } else if (other !== undefined) {
      for (const cluster of graphemes(other)) put(cluster, clusterWidth(cluster));
    }
  }
  rows.push(active === "" ? row : row + SGR_RESET);
  return rows;
}

/** The first row of `text` at `width` columns: the text cut to fit one line. */
export function fitColumns(text: string, width: number): string {
  return wrapLine(text, width)[0] ?? "";
}

/**
 * `parts` side by side with `gap` between them, wrapped between parts, never inside one (a part
 * wider than the width is cut): words of a sentence, or a dialog's answers.
 */
export function wrapParts(parts: readonly string[], width: number, gap = " "): string[] {
  const rows: string[] = [];
  let row = "";
  for (const part of parts) {
    const joined = row === "" ? part : `${row}${gap}${part}`;
    if (row !== "" && displayWidth(joined) > width) {
      rows.push(row);
      row = part;
    } else row = joined;
  }
  rows.push(row);
  return rows.map((text) => fitColumns(text, width));
}
