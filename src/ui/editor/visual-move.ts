// Up and Down by the rows the editor draws, not by buffer lines: in a line that wraps, Down goes
// to the next visual row of the same line, as in JupyterLab's editor. The goal column is counted
// from the start of the visual row, so moving through wrapped rows keeps the cursor's column.

import { columnOf, indexAtColumn, wrapStarts } from "./glyphs.js";
import { prevBoundary } from "./graphemes.js";
import type { Position } from "./history.js";

/** One visual row: a slice of a buffer line. */
interface Segment {
  row: number;
  start: number;
  /** Index where the next visual row starts, or the line's length for its last row. */
  end: number;
  last: boolean;
}

function segments(line: string, row: number, wrap: number): Segment[] {
  const starts = wrapStarts(line, wrap);
  return starts.map((start, i) => {
    const next = starts[i + 1];
    return { row, start, end: next ?? line.length, last: next === undefined };
  });
}

function segmentIndex(all: Segment[], col: number): number {
  let index = 0;
  while (index + 1 < all.length && (all[index + 1] as Segment).start <= col) index++;
  return index;
}

/** The cursor's column within its visual row. */
export function visualColumn(lines: readonly string[], cursor: Position, wrap: number): number {
  const line = lines[cursor.row] ?? "";
  const all = segments(line, cursor.row, wrap);
  const segment = all[segmentIndex(all, cursor.col)] as Segment;
  return columnOf(line, cursor.col) - columnOf(line, segment.start);
}

/**
 * Where Up or Down lands from `cursor`, aiming at `goal` columns into the visual row; the cursor
 * stays put at the first row going up and the last going down.
 */
export function visualTarget(
  lines: readonly string[],
  cursor: Position,
  direction: "up" | "down",
  wrap: number,
  goal: number,
): Position {
  const line = lines[cursor.row] ?? "";
  const here = segments(line, cursor.row, wrap);
  const at = segmentIndex(here, cursor.col);
  let target: Segment | undefined;
  if (direction === "up") {
    if (at > 0) target = here[at - 1];
    else if (cursor.row > 0) {
      const above = cursor.row - 1;
      target = segments(lines[above] ?? "", above, wrap).at(-1);
    } else return { row: 0, col: 0 };
  } else if (at + 1 < here.length) target = here[at + 1];
  else if (cursor.row + 1 < lines.length) {
    const below = cursor.row + 1;
    target = segments(lines[below] ?? "", below, wrap)[0];
  } else return { row: cursor.row, col: line.length };
  if (!target) return cursor;
  return { row: target.row, col: columnInSegment(lines[target.row] ?? "", target, goal) };
}

function columnInSegment(line: string, segment: Segment, goal: number): number {
  const col = indexAtColumn(line, columnOf(line, segment.start) + goal);
  // The end of a row that is not the line's last is where the next row starts: stop before it.
  if (!segment.last && col >= segment.end) return prevBoundary(line, segment.end);
  return Math.max(segment.start, Math.min(col, segment.end));
}
