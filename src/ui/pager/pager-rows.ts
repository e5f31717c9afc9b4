// The wrapped rows of a pager's lines, cached: moving by rows and drawing a screen wrap only the
// lines near the screen, and each of those once per source version and width.

import { wrapLine } from "../../terminal/wrap.js";
import type { LineSource } from "../output/line-source.js";

const MAX_CACHED = 2048;

interface RowCache {
  version: number;
  width: number;
  rows: Map<number, string[]>;
}

const caches = new WeakMap<LineSource, RowCache>();

/** The rows logical line `line` takes at `width` columns (one row for a missing line). */
export function rowsOf(source: LineSource, width: number, line: number): string[] {
  let cache = caches.get(source);
  if (cache === undefined || cache.version !== source.version || cache.width !== width) {
    cache = { version: source.version, width, rows: new Map() };
    caches.set(source, cache);
  }
  let rows = cache.rows.get(line);
  if (rows === undefined) {
    rows = wrapLine(source.slice(line, line + 1)[0] ?? "", width);
    if (cache.rows.size >= MAX_CACHED) cache.rows.clear();
    cache.rows.set(line, rows);
  }
  return rows;
}
