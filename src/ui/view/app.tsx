// The Ink root: the screen rows, each in its own Text. Everything is computed outside React (the
// store and pure row builders), so a frame costs what changed, and Ink's incremental rendering
// writes only the rows that differ.

import { Box, Text } from "ink";
import { memo, useSyncExternalStore } from "react";
import type { AppStore } from "../app/app-store.js";
import { screenRows } from "./screen.js";

export function App({ store }: { store: AppStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const rows = screenRows(store, Date.now());
  return (
    <Box flexDirection="column" width={store.size.cols}>
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a screen row is its position
        <Row key={index} text={row} />
      ))}
    </Box>
  );
}

/** A row whose text did not change is not rendered again: most of a keystroke's rows. */
const Row = memo(function Row({ text }: { text: string }) {
  return <Text wrap="truncate">{text === "" ? " " : text}</Text>;
});
