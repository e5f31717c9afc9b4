// The text parts of a cell as terminal rows: its source (highlighted, or the live editor) and its
// outputs (the tail, capped). Adapters over src/ui/editor and src/ui/output.

import type { Cell } from "../../notebook/index.js";
import { cellSource } from "../../notebook/index.js";
import { cellLanguage, editorWindow } from "../editor/cell-rows.js";
import { renderSourceLines } from "../editor/source-lines.js";
import { CellOutputs } from "../output/cell-output.js";
import type { Editing } from "../session/editing.js";

/** `language`: the notebook's (its kernel's), for code cells. */
export function sourceRows(cell: Cell, width: number, language: string): string[] {
  return renderSourceLines(cellSource(cell), width, cellLanguage(cell.cell_type, language));
}

/** The edited cell as a window of at most `maxRows` rows that follows the cursor. */
export function editorRows(
  editing: Editing,
  width: number,
  maxRows: number,
  cellType: string,
  language: string,
): { rows: string[]; cursorRow: number } {
  const { rows, cursorRow } = editorWindow(editing, width, maxRows, {
    language: cellLanguage(cellType, language),
  });
  return { rows, cursorRow };
}

/** The tail of a code cell's outputs: at most `maxLines` rows, with a note when some are hidden. */
export function outputRows(view: CellOutputs, width: number, maxLines: number): string[] {
  return view.windowLines(width, maxLines, { pagerKey: "O" }).lines;
}

const markdownViews = new WeakMap<Cell, CellOutputs>();

/** A markdown cell that is not being edited, rendered as styled text (as Jupyter shows it). */
export function markdownRows(cell: Cell, width: number): string[] {
  let view = markdownViews.get(cell);
  if (!view) {
    const source = cellSource(cell);
    view = CellOutputs.fromOutputs([
      { output_type: "display_data", data: { "text/markdown": source }, metadata: {} },
    ]);
    markdownViews.set(cell, view);
  }
  return view.windowLines(width, MARKDOWN_ROWS).lines;
}

/** Rendered markdown's version, so a cached row set is redrawn once the renderer has loaded. */
export function markdownVersion(cell: Cell): number {
  return markdownViews.get(cell)?.version ?? 0;
}

const MARKDOWN_ROWS = 300;
