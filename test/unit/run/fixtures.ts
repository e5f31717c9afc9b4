// Hand-built run results for the report tests.

import type { CellResult, NotebookResult, RunResult } from "../../../src/run/results.js";

export function sampleRun(): RunResult {
  const ok: CellResult = {
    index: 0,
    id: "a1",
    source: "x = 1",
    executionCount: 1,
    outcome: "passed",
    durationMs: 12,
  };
  const error = {
    ename: "ZeroDivisionError",
    evalue: "division by zero",
    traceback: [
      "\u001b[0;31mZeroDivisionError\u001b[0m   Traceback (most recent call last)",
      "Cell In[2], line 2",
      "----> 2 1/0  # boom <&>",
      "ZeroDivisionError: division by zero",
    ],
  };
  const bad: CellResult = {
    index: 2,
    id: "c3",
    source: "\n1/0  # boom <&>",
    executionCount: 2,
    outcome: "failed",
    durationMs: 3,
    error,
  };
  const skipped: CellResult = {
    index: 3,
    id: "d4",
    source: "slow()",
    executionCount: null,
    outcome: "skipped",
  };
  const notRun: CellResult = {
    index: 4,
    id: "e5",
    source: "more()",
    executionCount: null,
    outcome: "not-run",
  };
  const failed: NotebookResult = {
    path: "nbs/fail, 100%.ipynb",
    savedTo: "nbs/fail, 100%.ipynb",
    outcome: "failed",
    exitCode: 1,
    durationMs: 1500,
    cells: [ok, bad, skipped, notRun],
    failure: { cell: bad, error },
    warnings: [],
  };
  const passed: NotebookResult = {
    path: "nbs/ok.ipynb",
    outcome: "passed",
    exitCode: 0,
    durationMs: 250,
    cells: [{ ...ok }],
    warnings: ["Unknown parameter 'x'"],
  };
  const died: NotebookResult = {
    path: "nbs/crash.ipynb",
    outcome: "died",
    exitCode: 4,
    durationMs: 100,
    cells: [],
    failure: {
      error: {
        ename: "DeadKernelError",
        evalue: "The kernel died: segmentation fault (SIGSEGV)",
        traceback: [],
      },
    },
    warnings: [],
  };
  return { exitCode: 4, durationMs: 1900, notebooks: [failed, passed, died] };
}
