// The cell editor's view: the layout's terminal lines in a window that follows the cursor, each
// line in its own truncating <Text>. All drawing decisions live in layout.ts; this only scrolls.

import { Box, Text } from "ink";
import { useMemo, useRef } from "react";
import type { Snapshot } from "./history.js";
import { editorMetrics, followCursor, type LayoutOptions, layoutEditor } from "./layout.js";

export interface CellEditorProps extends Omit<LayoutOptions, "window"> {
  state: Snapshot;
  /** Most rows to show; a taller cell scrolls to keep the cursor in view. */
  height: number;
}

export function CellEditor({ state, height, ...options }: CellEditorProps) {
  const top = useRef(0);
  const { width, language, colour, prompt, lineNumbers, error, cursor } = options;
  const lines = useMemo(() => {
    const layoutOptions = { width, language, colour, prompt, lineNumbers, error, cursor };
    const metrics = editorMetrics(state, layoutOptions);
    const rows = Math.max(1, height);
    top.current = followCursor(top.current, metrics.cursorRow, rows, metrics.totalRows);
    return layoutEditor(state, { ...layoutOptions, window: { start: top.current, count: rows } })
      .lines;
  }, [state, height, width, language, colour, prompt, lineNumbers, error, cursor]);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // Rows are positions in the window, not identities: index keys are what is meant.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
