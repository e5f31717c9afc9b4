// How one finished cell counts, from its kernel status and the cell's tags: the pure decision
// behind the runner's error modes, raises-exception, sys.exit(0) and timeouts.

import type { ExecuteOutcome } from "../kernel/index.js";
import type { ErrorMode } from "./options.js";
import type { CellError, CellOutcome } from "./results.js";

export interface VerdictInput {
  status: ExecuteOutcome["status"];
  error: CellError | undefined;
  expectRaise: boolean;
  errorMode: ErrorMode;
  /** The notebook's --notebook-timeout struck while this cell ran. */
  notebookTimedOut: boolean;
  notebookTimeoutMs?: number;
  /** A signal or --fail-fast interrupted the run. */
  stopping: boolean;
}

export interface CellVerdict {
  outcome: CellOutcome;
  /** What to report when the outcome is not "passed". */
  error?: CellError;
  /** A synthetic error for the notebook: it replaces the cell's error output, or is added to its outputs. */
  errorOutput?: "replace" | "append";
  /** Skip the notebook's remaining cells, though the cell itself did not fail in the queue's eyes. */
  dropRest: boolean;
}

const MISSING_RAISE = "The cell is tagged raises-exception but raised no exception.";

export function cellVerdict(input: VerdictInput): CellVerdict {
  const { status, error } = input;
  if (input.notebookTimedOut && status !== "ok") {
    // Say what happened instead of the interrupt's KeyboardInterrupt or the kill's DeadKernelError.
    return {
      outcome: "timeout",
      error: notebookTimeoutError(input.notebookTimeoutMs ?? 0),
      errorOutput: "replace",
      dropRest: false,
    };
  }
  if (status === "timeout" || status === "died") return { outcome: status, error, dropRest: false };
  if (status === "error" && input.stopping) return { outcome: "failed", error, dropRest: false };
  if (status === "error" && input.expectRaise) return { outcome: "passed", dropRest: false };
  // papermill: sys.exit() and sys.exit(0) end the notebook there, successfully.
  if (status === "error" && isCleanExit(error)) return { outcome: "passed", dropRest: true };
  if (status === "ok" && input.expectRaise) {
    const missing = {
      ename: "MissingExpectedException",
      evalue: MISSING_RAISE,
      traceback: [`MissingExpectedException: ${MISSING_RAISE}`],
    };
    return {
      outcome: "failed",
      error: missing,
      errorOutput: "append",
      dropRest: input.errorMode === "stop",
    };
  }
  return status === "ok"
    ? { outcome: "passed", dropRest: false }
    : { outcome: "failed", error, dropRest: false };
}

function isCleanExit(error: CellError | undefined): boolean {
  return error?.ename === "SystemExit" && (error.evalue === "" || error.evalue === "0");
}

export function notebookTimeoutError(limitMs: number): CellError {
  const seconds = limitMs / 1000;
  const evalue = `The notebook ran longer than its limit of ${seconds} second${seconds === 1 ? "" : "s"} (--notebook-timeout).`;
  return { ename: "NotebookTimeoutError", evalue, traceback: [`NotebookTimeoutError: ${evalue}`] };
}
