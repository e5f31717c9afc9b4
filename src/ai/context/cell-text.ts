// One cell as the model reads it: a header with id, type, execution count and status, its source,
// and its outputs; or a one-line summary when the budget has no room for the whole cell.

import type { Cell } from "../../notebook/index.js";
import { cellSource } from "../../notebook/index.js";
import { plainText } from "../../terminal/sanitize.js";
import type { CellRunStatus } from "../contract.js";
import { capText } from "./cap.js";
import { cellOutputText } from "./output-text.js";

export interface CellLimits {
  source: number;
  perOutput: number;
}

export const CONTEXT_LIMITS: CellLimits = { source: 6000, perOutput: 1500 };
/** read_cell: the model asked for this cell, so it gets much more of it. */
export const READ_LIMITS: CellLimits = { source: 40_000, perOutput: 12_000 };

function header(cell: Cell, status: CellRunStatus, focused: boolean): string {
  const parts: string[] = [cell.cell_type];
  if (cell.cell_type === "code") {
    parts.push(`execution_count ${cell.execution_count ?? "none"}`, `status ${status}`);
  }
  if (focused) parts.push("FOCUSED");
  return `## cell ${cell.id} (${parts.join(", ")})`;
}

export function fullCellText(
  cell: Cell,
  status: CellRunStatus,
  focused: boolean,
  limits: CellLimits,
): string {
  const source = capText(plainText(cellSource(cell)), limits.source);
  const lines = [header(cell, status, focused), "source:", fence(source)];
  if (cell.cell_type === "code" && cell.outputs.length > 0) {
    lines.push("outputs:", fence(cellOutputText(cell, limits.perOutput)));
  }
  return lines.join("\n");
}

export function summaryCellText(cell: Cell, status: CellRunStatus): string {
  const source = plainText(cellSource(cell));
  const first = source.split("\n").find((line) => line.trim() !== "") ?? "(empty)";
  const lineCount = source === "" ? 0 : source.replace(/\n$/, "").split("\n").length;
  const what = cell.cell_type === "code" ? `code, status ${status}` : cell.cell_type;
  return `## cell ${cell.id} (${what}, ${lineCount} lines; summary only, read_cell gives all): ${first.trim().slice(0, 100)}`;
}

/** A fence the text cannot close early: longer than any backtick run inside it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}
