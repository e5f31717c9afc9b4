// What a notebook's outcome means for the command: its exit code, and which outcome wins when
// several things went wrong in one notebook.

import { EXIT } from "./exit-codes.js";
import type { NotebookOutcome } from "./results.js";

const EXIT_BY_OUTCOME: Record<NotebookOutcome, number> = {
  passed: EXIT.ok,
  "passed-with-errors": EXIT.ok,
  failed: EXIT.cellFailed,
  timeout: EXIT.timeout,
  died: EXIT.kernelDied,
  "start-failed": EXIT.kernelStartFailed,
  cancelled: EXIT.ok,
};

/** Least to most severe. */
const SEVERITY: readonly NotebookOutcome[] = [
  "passed",
  "passed-with-errors",
  "cancelled",
  "failed",
  "timeout",
  "died",
  "start-failed",
];

export function exitCodeOf(outcome: NotebookOutcome): number {
  return EXIT_BY_OUTCOME[outcome];
}

/** The more severe of two outcomes. */
export function worseOutcome(a: NotebookOutcome, b: NotebookOutcome): NotebookOutcome {
  return SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a;
}
