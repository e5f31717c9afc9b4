// The text parts of a cell as terminal rows: its source (highlighted, or the live editor) and its
// outputs (the tail, capped). Adapters over src/ui/editor and src/ui/output.

import type { Cell } from "../../notebook/index.js";
import { cellSource } from "../../notebook/index.js";
import { sanitize } from "../../terminal/sanitize.js";
import { wrapLine } from "../../terminal/wrap.js";
import type { Editing } from "../session/editing.js";

export function sourceRows(cell: Cell, width: number): string[] {
  const text = sanitize(cellSource(cell), { keepColour: false });
  return text.split("\n").flatMap((line) => wrapLine(line, width));
}

export function editorRows(
  editing: Editing,
  width: number,
  _maxRows: number,
): { rows: string[]; cursorRow: number } {
  const rows: string[] = [];
  let cursorRow = 0;
  editing.buffer.lines.forEach((line, index) => {
    if (index === editing.buffer.cursor.row) cursorRow = rows.length;
    const shown =
      index === editing.buffer.cursor.row
        ? `${line.slice(0, editing.buffer.cursor.col)}\u001b[7m${line[editing.buffer.cursor.col] ?? " "}\u001b[27m${line.slice(editing.buffer.cursor.col + 1)}`
        : line;
    rows.push(...wrapLine(sanitize(shown, { keepColour: true }), width));
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
