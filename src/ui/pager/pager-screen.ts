// What the pager draws: exactly `height` rows of the source from the current position, matches
// highlighted, and a footer with the position, the search state and the keys. Everything is a
// terminal line (SGR colour only, at most `width` columns), like the rest of the UI.

import { plainText } from "../../terminal/sanitize.js";
import { thousands } from "../../terminal/thousands.js";
import { displayWidth, padEndColumns } from "../../terminal/width.js";
import { fitColumns, wrapLine } from "../../terminal/wrap.js";
import { CURRENT_MATCH_STYLE, highlightMatches } from "./highlight.js";
import { rowsOf } from "./pager-rows.js";
import { type PagerState, searching, topOf } from "./pager-state.js";

export interface PagerScreen {
  rows: string[];
  footer: string;
}

export interface PagerScreenOptions {
  /** Key hints at the end of the footer. */
  hints?: string;
}

export const DEFAULT_HINTS = "↑↓ PgUp PgDn g G · / n N · q";
// Highlighting re-wraps a line; a line longer than this is drawn from its cached rows unmarked.
const HIGHLIGHT_LIMIT = 100_000;

export function pagerScreen(state: PagerState, options: PagerScreenOptions = {}): PagerScreen {
  const { source, width, height, search } = state;
  const top = topOf(state);
  const total = source.lineCount;
  const rows: string[] = [];
  let line = top.line;
  let lastLine = top.line;
  for (let skip = top.row; rows.length < height && line < total; line++, skip = 0) {
    let lineRows = rowsOf(source, width, line);
    if (search !== null) {
      const raw = source.slice(line, line + 1)[0] ?? "";
      if (raw.length <= HIGHLIGHT_LIMIT) {
        const current = search.matches[search.current] === line;
        const marked = current
          ? highlightMatches(raw, search.query, CURRENT_MATCH_STYLE)
          : highlightMatches(raw, search.query);
        if (marked !== raw) lineRows = wrapLine(marked, width);
      }
    }
    rows.push(...lineRows.slice(skip, skip + height - rows.length));
    lastLine = line;
  }
  while (rows.length < height) rows.push("");
  const position =
    total === 0
      ? "empty"
      : `lines ${top.line + 1}–${lastLine + 1} of ${count(total)} (${Math.floor(((lastLine + 1) / total) * 100)}%)`;
  const status = ` ${[position, searchStatus(state)].filter(Boolean).join("  ·  ")} `;
  // The key hints go at the right end when there is room; where and what come first.
  const hints = `${options.hints ?? DEFAULT_HINTS} `;
  const room = width - displayWidth(status) - displayWidth(hints);
  const text = room >= 2 ? status + " ".repeat(room) + hints : fitColumns(status, width);
  const footer = `\u001b[7m${padEndColumns(text, width)}\u001b[27m`;
  return { rows, footer };
}

function searchStatus(state: PagerState): string {
  const search = state.search;
  if (search === null) return "";
  const shown = plainText(search.query).replace(/\s+/g, " ");
  const query = `“${shown.length > 30 ? `${shown.slice(0, 29)}…` : shown}”`;
  const n = search.matches.length;
  if (searching(state)) {
    const percent = Math.floor((search.scanned / Math.max(1, state.source.lineCount)) * 100);
    return `${query} ${count(n)}+ matches, searching ${percent}%`;
  }
  if (n === 0) return `${query} not found`;
  if (search.current < 0) return `${query} ${count(n)} match${n === 1 ? "" : "es"}`;
  return `${query} match ${count(search.current + 1)} of ${count(n)}`;
}

function count(n: number): string {
  return thousands(n);
}
