// What the runner tells the person watching. Two implementations: live progress lines on a
// terminal, plain lines without any control code elsewhere (CI logs, pipes, files).
// Notebooks are named by their path as given on the command line.

import type { CellResult, NotebookResult, RunResult } from "../results.js";

export interface Reporter {
  notebookStarted(name: string, totalCells: number): void;
  /** position counts the cells to run, from 1. */
  cellStarted(name: string, position: number, total: number): void;
  /** A cell's output text (--log-output only), in arbitrary chunks. */
  output(name: string, text: string): void;
  /** Ends the current cell's output (flushes a partial last line). */
  cellFinished(name: string): void;
  warning(name: string | undefined, message: string): void;
  failure(name: string, cell: CellResult): void;
  notebookFinished(result: NotebookResult): void;
  /** The summary table; nothing is written after it. */
  finish(run: RunResult): void;
}

export interface ReporterOptions {
  /** Writes text, after erasing that many lines above the cursor (a live area, on a terminal). */
  write: (text: string, eraseLines?: number) => void;
  /** --log-output: cell outputs are shown, so each cell gets a heading line. */
  logOutput: boolean;
  /** Milliseconds, for elapsed times; performance.now by default. */
  now?: () => number;
}
