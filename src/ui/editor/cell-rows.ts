// Ready-made rows for the notebook view: the edited cell as a window of rows that follows the
// cursor (so a 10,000-line cell draws only what fits), and any other cell's source. The view
// stacks these under its own prompt gutter.

import { markError } from "./error-mark.js";
import type { Snapshot } from "./history.js";
import { editorMetrics, followCursor, type LayoutOptions, layoutEditor } from "./layout.js";
import { renderSourceLines } from "./source-lines.js";

/** The highlighting language for a cell: Markdown cells as Markdown, raw cells plain, code
 *  cells in the notebook's language. */
export function cellLanguage(cellType: string, notebookLanguage = "python"): string {
  if (cellType === "markdown") return "markdown";
  if (cellType === "raw") return "plain";
  return notebookLanguage;
}

export interface EditedCell {
  readonly cellId: string;
  readonly buffer: Snapshot;
  /** The kernel's syntax error: 1-based line, 1-based code-point column. */
  readonly syntax?: { readonly line: number; readonly column: number };
}

export interface EditorWindow {
  readonly rows: string[];
  /** The cursor's row within `rows`. */
  readonly cursorRow: number;
  /** Rows of the whole cell, of which `rows` is a window. */
  readonly totalRows: number;
}

// The window's top per cell, so moving the cursor scrolls as little as possible. Few cells are
// edited in a session; the bound only guards against a pathological one.
const tops = new Map<string, number>();
// The wrap width each edited cell was last drawn with: Up and Down move by those rows.
const wraps = new Map<string, number>();

/** The columns the cell's editor wrapped at when last drawn, if it was. */
export function editorWrapOf(cellId: string): number | undefined {
  return wraps.get(cellId);
}

export function editorWindow(
  edited: EditedCell,
  width: number,
  maxRows: number,
  options: Omit<LayoutOptions, "width" | "window" | "error"> = {},
): EditorWindow {
  const error = edited.syntax ? markError(edited.buffer.lines, edited.syntax) : null;
  const layoutOptions = { ...options, width, error };
  const metrics = editorMetrics(edited.buffer, layoutOptions);
  const rows = Math.max(1, maxRows);
  const top = followCursor(
    tops.get(edited.cellId) ?? 0,
    metrics.cursorRow,
    rows,
    metrics.totalRows,
  );
  if (tops.size > 1_000) {
    tops.clear();
    wraps.clear();
  }
  tops.set(edited.cellId, top);
  wraps.set(edited.cellId, metrics.wrap);
  const layout = layoutEditor(edited.buffer, {
    ...layoutOptions,
    window: { start: top, count: rows },
  });
  return { rows: layout.lines, cursorRow: metrics.cursorRow - top, totalRows: metrics.totalRows };
}

/** A cell not being edited, drawn as the editor would draw it (same wrapping, same height),
 *  down to 300 rows at most (then a note of the lines left). */
export function sourceRows(source: string, width: number, language = "python"): string[] {
  return renderSourceLines(source, width, language);
}
