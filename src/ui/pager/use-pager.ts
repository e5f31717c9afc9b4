// The pager reducer as React state, with the search stepped in the background: each step reads
// a bounded run of lines, then yields to the event loop so keys and repaints go first.
// Commands come from the app shell (no useInput here): map them with pagerAction and dispatch.

import { type Dispatch, useEffect, useReducer } from "react";
import type { LineSource } from "../output/line-source.js";
import {
  createPager,
  type PagerAction,
  type PagerState,
  pagerReducer,
  searching,
} from "./pager-state.js";

export interface PagerHandle {
  state: PagerState;
  dispatch: Dispatch<PagerAction>;
}

/** A pager over `source`; remount (key by cell) to page another output. */
export function usePager(source: LineSource, width: number, height: number): PagerHandle {
  const [state, dispatch] = useReducer(pagerReducer, undefined, () =>
    createPager(source, width, height),
  );
  useEffect(() => dispatch({ type: "resize", width, height }), [width, height]);
  // One step per render while lines are left: `scanned` changes with each step.
  const scanned = searching(state) ? state.search?.scanned : undefined;
  useEffect(() => {
    if (scanned === undefined) return;
    const timer = setTimeout(() => dispatch({ type: "searchStep" }), 0);
    return () => clearTimeout(timer);
  }, [scanned]);
  return { state, dispatch };
}
