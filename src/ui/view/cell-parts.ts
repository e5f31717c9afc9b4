// The text parts of a cell as terminal rows: its source (highlighted, or the live editor) and its
// outputs (the tail, capped). Adapters over src/ui/editor and src/ui/output.

import type { Cell } from "../../notebook/index.js";
import { cellSource } from "../../notebook/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { wrapLine } from "../../terminal/wrap.js";
import { cellLanguage, editorWindow } from "../editor/cell-rows.js";
import { renderSourceLines } from "../editor/source-lines.js";
import type { Editing } from "../session/editing.js";

export function sourceRows(cell: Cell, width: number): string[] {
  return renderSourceLines(cellSource(cell), width, cellLanguage(cell.cell_type));
}

/** The edited cell as a window of at most `maxRows` rows that follows the cursor. */
export function editorRows(
  editing: Editing,
  width: number,
  maxRows: number,
  cellType = "code",
): { rows: string[]; cursorRow: number } {
  const { rows, cursorRow } = editorWindow(editing, width, maxRows, {
    language: cellLanguage(cellType),
  });
  return { rows, cursorRow };
}

export function outputRows(cell: Cell, width: number, maxLines: number): string[] {
  if (cell.cell_type !== "code") return [];
  const lines: string[] = [];
  for (const output of cell.outputs) {
    let text = "";
    if (output.output_type === "stream")
      text = Array.isArray(output.text) ? output.text.join("") : output.text;
    else if (output.output_type === "error") text = output.traceback.join("\n");
    else {
      const plain = output.data["text/plain"];
      text = Array.isArray(plain) ? plain.join("") : String(plain ?? "");
    }
    lines.push(...sanitize(text.replace(/\n$/, ""), { keepColour: true }).split("\n"));
  }
  const rows = lines.slice(-maxLines).flatMap((line) => wrapLine(line, width));
  return rows.slice(-maxLines);
}
