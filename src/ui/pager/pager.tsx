// The pager's view: the screen rows and the footer from pagerScreen, each in its own truncating
// <Text>. A one-line prompt (the "/" search being typed) replaces the footer while it is open.

import { Box, Text } from "ink";
import { useMemo } from "react";
import { pagerScreen } from "./pager-screen.js";
import type { PagerState } from "./pager-state.js";

export interface PagerProps {
  state: PagerState;
  /** Key hints for the footer (the shell knows the bindings). */
  hints?: string;
  /** A terminal line drawn instead of the footer, e.g. the search prompt. */
  prompt?: string;
  /** Bumped by the shell when the source grew, so the screen is computed again. */
  version?: number;
}

export function Pager({ state, hints, prompt, version }: PagerProps) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the source's content
  const screen = useMemo(() => pagerScreen(state, { hints }), [state, hints, version]);
  return (
    <Box flexDirection="column">
      {screen.rows.map((row, i) => (
        // Rows are positions on the screen, not identities: index keys are what is meant.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i} wrap="truncate">
          {row}
        </Text>
      ))}
      <Text wrap="truncate">{prompt ?? screen.footer}</Text>
    </Box>
  );
}
