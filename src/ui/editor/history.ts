// Undo and redo for one cell's text: whole snapshots of the line array. Lines are immutable
// strings shared between snapshots, so a snapshot costs one array of pointers, not a text copy.

export interface Position {
  readonly row: number;
  /** UTF-16 index into the line, always on a grapheme boundary. */
  readonly col: number;
}

export interface Snapshot {
  readonly lines: readonly string[];
  readonly cursor: Position;
  /** The other end of the selection, or null when nothing is selected. */
  readonly anchor: Position | null;
}

/** What the last edit was, so a run of letters (or of single deletions) is one undo step. */
export type EditKind = "letters" | "deletes" | "other";

export interface History {
  readonly undo: readonly Snapshot[];
  readonly redo: readonly Snapshot[];
}

// Bounds on what the history retains: a step count, and the lines all steps hold together
// (100 steps of a 10,000-line cell would otherwise pin a million array slots).
const MAX_STEPS = 200;
const MAX_LINES = 1_000_000;

export function pushStep(undo: readonly Snapshot[], step: Snapshot): readonly Snapshot[] {
  const next = [...undo, step];
  let total = 0;
  for (const s of next) total += s.lines.length;
  let drop = Math.max(0, next.length - MAX_STEPS);
  while (drop < next.length - 1 && total > MAX_LINES) {
    total -= (next[drop] as Snapshot).lines.length;
    drop++;
  }
  return drop > 0 ? next.slice(drop) : next;
}

/** Whether an edit of `kind` continues the previous one and so shares its undo step. */
export function coalesces(previous: EditKind | null, kind: EditKind): boolean {
  return kind !== "other" && previous === kind;
}
