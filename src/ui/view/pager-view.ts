// The full-screen output pager (src/ui/pager): the whole output of one cell, scrolled, with /
// search; it follows the output while the cell still runs.

import type { Overlay } from "../app/overlays.js";
import { pagerScreen } from "../pager/pager-screen.js";
import { pagerReducer } from "../pager/pager-state.js";

export function pagerRows(
  overlay: Extract<Overlay, { kind: "pager" }>,
  width: number,
  height: number,
): string[] {
  let state = overlay.state;
  if (state.width !== width || state.height !== height - 1) {
    state = pagerReducer(state, { type: "resize", width, height: height - 1 });
    overlay.state = state;
  }
  const screen = pagerScreen(state);
  return [...screen.rows, screen.footer];
}
