// Undo and redo of notebook operations. An entry is a list of range changes applied in order,
// plus where the cursor was before and after, so undo puts the user back where they were.

import type { Notebook } from "../../notebook/index.js";
import { applyChange, invertChange, type RangeChange } from "./cell-range.js";

export interface HistoryEntry {
  label: string;
  changes: readonly RangeChange[];
  cursorBefore: number;
  cursorAfter: number;
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

/** Enough for a working session; the oldest steps fall off first. */
export const HISTORY_LIMIT = 500;

export const emptyHistory: History = { past: [], future: [] };

export function recordEntry(history: History, entry: HistoryEntry): History {
  const past = [...history.past.slice(-(HISTORY_LIMIT - 1)), entry];
  return { past, future: [] };
}

/** Applies an entry's changes in order (redo), or their inverses in reverse order (undo). */
export function replay(
  notebook: Notebook,
  entry: HistoryEntry,
  direction: "undo" | "redo",
): { notebook: Notebook; entry: HistoryEntry } {
  let current = notebook;
  const applied: RangeChange[] = [];
  const steps = direction === "redo" ? entry.changes : entry.changes.slice().reverse();
  for (const change of steps) {
    const step = direction === "redo" ? change : invertChange(current, change);
    current = applyChange(current, step);
    applied.push(direction === "redo" ? change : invertChange(current, step));
  }
  // Keep the entry in the order it was first applied, with cells as they are now.
  const changes = direction === "redo" ? applied : applied.reverse();
  return { notebook: current, entry: { ...entry, changes } };
}
