// What goes back to the model after a round: each call's result as compact JSON, and read_cell
// answered from the notebook as it is now.

import { type CodeCell, findCell, type Notebook } from "../../notebook/index.js";
import { fullCellText, READ_LIMITS } from "../context/cell-text.js";
import { cellOutputText } from "../context/output-text.js";
import type { NotebookContext, OpResult, RunResult } from "../contract.js";

/** Characters of a run's outputs sent back with its result. */
const RUN_OUTPUT = 3000;

export function resultContent(result: OpResult): string {
  return JSON.stringify({
    status: result.status,
    cell_id: result.cellId,
    ...(result.executionCount !== undefined ? { execution_count: result.executionCount } : {}),
    ...(result.output ? { output: result.output } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
  });
}

export function readCellAnswer(context: NotebookContext, cellId: string): string {
  const cell = findCell(context.notebook, cellId);
  if (!cell)
    return JSON.stringify({
      status: "error",
      cell_id: cellId,
      reason: `No cell has the id "${cellId}".`,
    });
  return fullCellText(
    cell,
    context.status(cell.id),
    cell.id === context.focusedCellId,
    READ_LIMITS,
  );
}

const RUN_STATUS: Record<RunResult["status"], OpResult["status"]> = {
  ok: "ok",
  error: "error",
  timeout: "timeout",
  cancelled: "error",
  dead: "error",
};

/** A finished run as a result: status, execution count, and the cell's outputs (capped). */
export function runResult(
  key: string,
  cellId: string,
  run: RunResult,
  notebook: Notebook,
): OpResult {
  const cell = findCell(notebook, cellId);
  const output = cell?.cell_type === "code" ? cellOutputText(cell, RUN_OUTPUT) : "";
  const reason =
    run.status === "cancelled"
      ? "The run was cancelled."
      : run.status === "dead"
        ? "The kernel died during the run."
        : undefined;
  return {
    key,
    status: RUN_STATUS[run.status],
    cellId,
    executionCount: run.executionCount,
    ...(output ? { output } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** The error a cell ended with, as "id: Name: value", or null. */
export function errorSignature(notebook: Notebook, cellId: string): string | null {
  const cell = findCell(notebook, cellId) as CodeCell | undefined;
  const error = cell?.outputs?.find((output) => output.output_type === "error");
  return error?.output_type === "error" ? `${cellId}: ${error.ename}: ${error.evalue}` : null;
}
