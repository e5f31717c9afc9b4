// Small text helpers shared by the progress reporters and the summary table.

import { plainText } from "../../terminal/sanitize.js";
import { displayWidth, padEndColumns } from "../../terminal/width.js";
import {
  type CellResult,
  errorLine,
  type NotebookOutcome,
  type NotebookResult,
} from "../results.js";

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s - m * 60)).padStart(2, "0")}s`;
}

export const OUTCOME_WORD: Record<NotebookOutcome, string> = {
  passed: "passed",
  "passed-with-errors": "passed with errors",
  failed: "failed",
  timeout: "timed out",
  died: "kernel died",
  "start-failed": "kernel did not start",
  cancelled: "cancelled",
};

/** Whether a notebook counts as passed: it ran to its end (errors allowed) and was saved. */
export function didPass(result: NotebookResult): boolean {
  return result.exitCode === 0 && result.outcome !== "cancelled";
}

/** How a notebook did, as the summary and the progress lines say it: a failed save included. */
export function statusWord(result: NotebookResult): string {
  const word = OUTCOME_WORD[result.outcome];
  return result.saveError === undefined ? word : `${word}, not saved`;
}

/**
 * Columns padded to their widest entry, in terminal columns (a CJK character takes two); the last
 * column is not padded. Cells are measured as they will be shown: sanitized, one line each.
 */
export function table(rows: string[][]): string[] {
  const shown = rows.map((row) => row.map((cell) => plainText(cell).replace(/\n/g, " ")));
  const widths: number[] = [];
  for (const row of shown) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
  }
  return shown.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : padEndColumns(cell, widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

/** A failed cell as the user reads it: where, its source, and a colour-free traceback. */
export function failureBlock(name: string, cell: CellResult): string[] {
  const count = cell.executionCount === null ? "" : ` (In [${cell.executionCount}])`;
  const what =
    cell.outcome === "passed"
      ? "did not raise as its raises-exception tag requires"
      : (OUTCOME_WORD[cell.outcome as NotebookOutcome] ?? cell.outcome);
  const lines = [`${name}: cell ${cell.index + 1}${count} ${what}:`];
  for (const line of plainText(cell.source).split("\n")) lines.push(`  | ${line}`);
  if (cell.error) {
    const traceback =
      cell.error.traceback.length > 0 ? cell.error.traceback : [errorLine(cell.error)];
    for (const line of plainText(traceback.join("\n")).split("\n")) lines.push(`  ${line}`);
  }
  return lines;
}

/** Why a notebook failed when no cell is to blame (its kernel did not start, its time ran out). */
export function notebookProblem(result: NotebookResult): string[] {
  const failure = result.failure;
  if (!failure || failure.cell) return [];
  const lines =
    failure.error.traceback.length > 0 ? failure.error.traceback : [errorLine(failure.error)];
  return plainText(lines.join("\n")).split("\n");
}
