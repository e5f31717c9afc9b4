// The pager.* commands of the key registry as reducer actions. pager.search and pager.close are
// the shell's: it opens the one-line prompt (then dispatches { type: "search", query }) or closes.

import type { PagerAction } from "./pager-state.js";

const ACTIONS: Record<string, PagerAction> = {
  "pager.up": { type: "up" },
  "pager.down": { type: "down" },
  "pager.pageUp": { type: "pageUp" },
  "pager.pageDown": { type: "pageDown" },
  "pager.top": { type: "top" },
  "pager.bottom": { type: "bottom" },
  "pager.next": { type: "next" },
  "pager.prev": { type: "prev" },
};

export function pagerAction(command: string): PagerAction | undefined {
  return ACTIONS[command];
}
