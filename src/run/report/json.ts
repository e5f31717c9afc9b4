// The JSON report: per notebook and per code cell, status, duration (seconds) and error.
// Messages (errors, warnings) are sanitized like everything oprel prints, since a script reading
// the report may print them; paths stay as they are, to name the files.

import type { JsonObject, JsonValue } from "../../notebook/types.js";
import { plainText } from "../../terminal/sanitize.js";
import { type CellError, cellHeadline, type RunResult } from "../results.js";

export const JSON_REPORT_VERSION = 1;

function seconds(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms) / 1000;
}

function errorJson(error: CellError | undefined): JsonValue {
  if (!error) return null;
  const { ename, evalue, traceback } = error;
  return {
    ename: plainText(ename),
    evalue: plainText(evalue),
    traceback: traceback.map(plainText),
  };
}

export function jsonReport(run: RunResult): string {
  const report: JsonObject = {
    version: JSON_REPORT_VERSION,
    exit_code: run.exitCode,
    duration: seconds(run.durationMs),
    notebooks: run.notebooks.map((nb) => ({
      path: nb.path,
      output: nb.savedTo ?? null,
      status: nb.outcome,
      save_error: nb.saveError === undefined ? null : plainText(nb.saveError),
      exit_code: nb.exitCode,
      duration: seconds(nb.durationMs),
      error: errorJson(nb.failure?.error),
      failed_cell: nb.failure?.cell?.index ?? null,
      warnings: nb.warnings.map(plainText),
      cells: nb.cells.map((cell) => ({
        index: cell.index,
        id: cell.id,
        // The first line names the cell in a JUnit report made later from this one (report merge).
        first_line: plainText(cellHeadline(cell.source)),
        execution_count: cell.executionCount,
        status: cell.outcome,
        duration: seconds(cell.durationMs),
        error: errorJson(cell.error),
      })),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
