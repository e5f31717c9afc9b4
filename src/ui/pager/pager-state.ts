// The full-screen output pager as a pure reducer: scrolling by rows and pages, and "/" search with
// next and previous match, over a line source that may hold millions of lines and still grow.
// The position is a logical line and a row inside it (long lines wrap), so nothing ever lays out
// the whole source. Search runs in bounded steps (`searchStep`), so a query never freezes the
// screen; the view keeps stepping while `searching(state)` holds.

import { stripSgr } from "../../terminal/sgr.js";
import type { LineSource } from "../output/line-source.js";
import { matcherCase } from "./match-case.js";
import { rowsOf } from "./pager-rows.js";

export interface PagerPosition {
  /** The logical line at the top of the screen. */
  line: number;
  /** Which of its wrapped rows is the top row. */
  row: number;
}

export interface PagerSearch {
  query: string;
  /** Lines holding a match, ascending, among the lines searched so far. */
  matches: number[];
  /** Lines searched so far (from the first). */
  scanned: number;
  /** Index into `matches` of the match shown, -1 before the first jump. */
  current: number;
  /** A jump waiting for the search to reach a match after (or before) `anchor`. */
  pending: { direction: "next" | "prev"; anchor: number } | null;
}

export interface PagerState {
  source: LineSource;
  width: number;
  /** Rows for lines (the footer comes on top of these). */
  height: number;
  top: PagerPosition;
  /** At the bottom: stays there while the source grows. */
  follow: boolean;
  search: PagerSearch | null;
}

export type PagerAction =
  | { type: "up"; rows?: number }
  | { type: "down"; rows?: number }
  | { type: "pageUp" }
  | { type: "pageDown" }
  | { type: "top" }
  | { type: "bottom" }
  | { type: "resize"; width: number; height: number }
  /** Searches for `query` (plain text; upper case in it makes the search case-sensitive). */
  | { type: "search"; query: string }
  | { type: "searchStep" }
  | { type: "next" }
  | { type: "prev" }
  | { type: "clearSearch" };

// One search step reads at most this many lines or characters.
const STEP_LINES = 20_000;
const STEP_CHARS = 2_000_000;

export function createPager(
  source: LineSource,
  width: number,
  height: number,
  at: "top" | "bottom" = "bottom",
): PagerState {
  return {
    source,
    width: Math.max(1, width),
    height: Math.max(1, height),
    top: { line: 0, row: 0 },
    follow: at === "bottom",
    search: null,
  };
}

export function pagerReducer(state: PagerState, action: PagerAction): PagerState {
  switch (action.type) {
    case "up":
      return moveBy(state, -(action.rows ?? 1));
    case "down":
      return moveBy(state, action.rows ?? 1);
    case "pageUp":
      return moveBy(state, -Math.max(1, state.height - 1));
    case "pageDown":
      return moveBy(state, Math.max(1, state.height - 1));
    case "top":
      return { ...state, top: { line: 0, row: 0 }, follow: false };
    case "bottom":
      return { ...state, top: bottomTop(state), follow: true };
    case "resize": {
      const width = Math.max(1, action.width);
      const height = Math.max(1, action.height);
      if (width === state.width && height === state.height) return state;
      const top = { line: topOf(state).line, row: 0 };
      return { ...state, width, height, top };
    }
    case "search": {
      if (action.query === "") return { ...state, search: null };
      const anchor = topOf(state).line;
      const search: PagerSearch = {
        query: action.query,
        matches: [],
        scanned: 0,
        current: -1,
        pending: { direction: "next", anchor: anchor - 1 },
      };
      return step({ ...state, search });
    }
    case "searchStep":
      return state.search && searching(state) ? step(state) : state;
    case "next":
    case "prev":
      return jump(state, action.type);
    case "clearSearch":
      return state.search ? { ...state, search: null } : state;
  }
}

/** Whether the search still has lines to read (the view keeps dispatching searchStep). */
export function searching(state: PagerState): boolean {
  return state.search !== null && state.search.scanned < state.source.lineCount;
}

/** The top of the screen now: the bottom while following, never past the bottom. */
export function topOf(state: PagerState): PagerPosition {
  const bottom = bottomTop(state);
  if (state.follow || before(bottom, state.top)) return bottom;
  return state.top;
}

/** Whether a line's plain text holds the query (smart case: see match-case.ts). */
export function matcher(query: string): (plain: string) => boolean {
  return (plain) => {
    const { haystack, needle } = matcherCase(plain, query);
    return haystack.includes(needle);
  };
}

function before(a: PagerPosition, b: PagerPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.row < b.row);
}

/** The top position that shows the last row at the bottom of the screen. */
function bottomTop(state: PagerState): PagerPosition {
  const { source, width } = state;
  let need = state.height;
  for (let line = source.lineCount - 1; line >= 0; line--) {
    const rows = rowsOf(source, width, line).length;
    if (rows >= need) return { line, row: rows - need };
    need -= rows;
  }
  return { line: 0, row: 0 };
}

function moveBy(state: PagerState, delta: number): PagerState {
  const { source, width } = state;
  let { line, row } = topOf(state);
  if (delta > 0) {
    const bottom = bottomTop(state);
    let left = delta;
    while (left > 0 && before({ line, row }, bottom)) {
      const rows = rowsOf(source, width, line).length;
      const step = Math.min(left, rows - 1 - row);
      if (step > 0) {
        row += step;
        left -= step;
      } else {
        line += 1;
        row = 0;
        left -= 1;
      }
    }
    const top = before(bottom, { line, row }) ? bottom : { line, row };
    return { ...state, top, follow: !before(top, bottom) };
  }
  let left = -delta;
  while (left > 0 && (line > 0 || row > 0)) {
    if (row >= left) {
      row -= left;
      left = 0;
    } else {
      left -= row + 1;
      line -= 1;
      row = rowsOf(source, width, line).length - 1;
    }
  }
  return { ...state, top: { line, row }, follow: false };
}

/** Searches the next bounded run of lines; makes a waiting jump once it finds its match. */
function step(state: PagerState): PagerState {
  const search = state.search as PagerSearch;
  const { source } = state;
  const total = source.lineCount;
  const restart = search.scanned > total; // the output was replaced by a shorter one
  const matches = restart ? [] : [...search.matches];
  let scanned = restart ? 0 : search.scanned;
  const isMatch = matcher(search.query);
  const end = Math.min(total, scanned + STEP_LINES);
  let chars = 0;
  while (scanned < end && chars < STEP_CHARS) {
    const lines = source.slice(scanned, Math.min(end, scanned + 1000));
    if (lines.length === 0) {
      scanned = end; // a source that reports lines it cannot give: nothing there to search
      break;
    }
    for (const line of lines) {
      if (isMatch(stripSgr(line))) matches.push(scanned);
      chars += line.length;
      scanned += 1;
    }
  }
  const next = { ...state, search: { ...search, matches, scanned } };
  return search.pending ? resolvePending(next) : next;
}

function jump(state: PagerState, direction: "next" | "prev"): PagerState {
  const search = state.search;
  if (search === null) return state;
  // From the match shown while it is on screen, else from the screen (after scrolling away).
  const top = topOf(state).line;
  const current = search.matches[search.current];
  const onScreen = current !== undefined && current >= top && current < top + state.height;
  const anchor = onScreen ? current : direction === "next" ? top - 1 : top;
  return resolvePending({ ...state, search: { ...search, pending: { direction, anchor } } });
}

/** Makes the waiting jump if the lines searched so far decide it. */
function resolvePending(state: PagerState): PagerState {
  const search = state.search as PagerSearch;
  const pending = search.pending;
  if (pending === null) return state;
  const { matches } = search;
  const done = !searching(state);
  let index: number;
  if (pending.direction === "next") {
    index = lastIndexBelow(matches, pending.anchor + 1) + 1;
    if (index === matches.length) {
      if (!done) return state;
      index = matches.length > 0 ? 0 : -1; // wrap around to the first
    }
  } else {
    // Matches before the anchor are all known once the search has passed it.
    if (search.scanned <= pending.anchor && !done) return state;
    index = lastIndexBelow(matches, pending.anchor);
    if (index === -1) {
      if (!done) return state;
      index = matches.length - 1; // wrap around to the last
    }
  }
  if (index === -1) return { ...state, search: { ...search, pending: null } };
  const line = matches[index] as number;
  const bottom = bottomTop(state);
  const wanted = { line, row: 0 };
  const top = before(bottom, wanted) ? bottom : wanted;
  return {
    ...state,
    top,
    follow: false,
    search: { ...search, current: index, pending: null },
  };
}

/** The index of the last value below `value` in an ascending array, or -1. */
function lastIndexBelow(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
