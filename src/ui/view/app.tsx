// The Ink root: the screen rows, each in its own Text. Everything is computed outside React (the
// store and pure row builders), so a frame costs what changed, and Ink's incremental rendering
// writes only the rows that differ.

import { Box, Text } from "ink";
import { useSyncExternalStore } from "react";
import type { AppStore } from "../app/app-store.js";
import { screenRows } from "./screen.js";

export function App({ store }: { store: AppStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const rows = screenRows(store, Date.now());
  return (
    <Box flexDirection="column" width={store.size.cols}>
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a screen row is its position
        <Text key={index} wrap="truncate">
          {row === "" ? " " : row}
        </Text>
      ))}
    </Box>
  );
}
