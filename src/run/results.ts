// What a run found out, notebook by notebook and cell by cell: the one source for the summary
// table, the JUnit and JSON reports and the GitHub annotations.

export interface CellError {
  ename: string;
  evalue: string;
  /** Colour-free lines. */
  traceback: string[];
}

export type CellOutcome =
  /** Ran without error (or raised, as its raises-exception tag required). */
  | "passed"
  | "failed"
  | "timeout"
  | "died"
  /** Tagged skip-execution. */
  | "skipped"
  /** Never reached: an earlier failure stopped the notebook, or it was cancelled. */
  | "not-run";

export interface CellResult {
  /** Position among the notebook's cells as run (with the injected-parameters cell, without papermill's error markers). */
  index: number;
  id: string;
  source: string;
  executionCount: number | null;
  outcome: CellOutcome;
  durationMs?: number;
  error?: CellError;
}

export type NotebookOutcome =
  | "passed"
  /** Cells raised, and --allow-errors recorded their errors instead of failing (exit code 0). */
  | "passed-with-errors"
  /** A cell raised (or a raises-exception cell did not). */
  | "failed"
  | "timeout"
  | "died"
  | "start-failed"
  /** Stopped by --fail-fast or a signal before finishing. */
  | "cancelled";

export interface NotebookResult {
  /** The notebook as given on the command line. */
  path: string;
  /** Where the executed notebook was written, if it was. */
  savedTo?: string;
  /** Why the executed notebook could not be saved, if it could not. */
  saveError?: string;
  outcome: NotebookOutcome;
  exitCode: number;
  durationMs: number;
  cells: CellResult[];
  /** The failure that decided the outcome: a cell's error, or why the kernel did not start. */
  failure?: { cell?: CellResult; error: CellError };
  warnings: string[];
}

export interface RunResult {
  exitCode: number;
  durationMs: number;
  notebooks: NotebookResult[];
}

/** A cell's first non-blank line, at most 60 characters: what reports name it by. */
export function cellHeadline(source: string): string {
  const firstLine = source.split("\n").find((line) => line.trim() !== "") ?? "";
  return (firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine).trim();
}

/** "cell 4: df = load(path)": how a cell is named in reports. */
export function cellLabel(cell: Pick<CellResult, "index" | "source">): string {
  const short = cellHeadline(cell.source);
  return short ? `cell ${cell.index + 1}: ${short}` : `cell ${cell.index + 1}`;
}

export function errorLine(error: CellError): string {
  return error.evalue ? `${error.ename}: ${error.evalue}` : error.ename;
}
