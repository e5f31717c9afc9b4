// The output pager's public surface for the app shell.

export { pagerAction } from "./commands.js";
export { highlightMatches, matchRanges } from "./highlight.js";
export { Pager, type PagerProps } from "./pager.js";
export { DEFAULT_HINTS, type PagerScreen, pagerScreen } from "./pager-screen.js";
export {
  createPager,
  type PagerAction,
  type PagerPosition,
  type PagerSearch,
  type PagerState,
  pagerReducer,
  searching,
  topOf,
} from "./pager-state.js";
export { type PagerHandle, usePager } from "./use-pager.js";
