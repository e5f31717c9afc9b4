// The prompt left of a cell, as Jupyter shows it: [n] ran, [*] running (with its elapsed time),
// its place in the queue while waiting, and a mark for a cell whose last run failed.

import type { Cell } from "../../notebook/index.js";
import { formatElapsed } from "../output/elapsed.js";
import type { CellRun, LastOutcome } from "../session/run-state.js";

export interface PromptInfo {
  text: string;
  /** Shown at the right end of the cell's first row: elapsed time or queue place. */
  tag: string;
  failed: boolean;
  running: boolean;
}

export function cellPrompt(
  cell: Cell,
  run: CellRun | undefined,
  outcome: LastOutcome | undefined,
  now: number,
): PromptInfo {
  if (cell.cell_type !== "code") return { text: "", tag: "", failed: false, running: false };
  if (run?.phase === "running") {
    return { text: "[*]:", tag: formatElapsed(now - run.startedAt), failed: false, running: true };
  }
  if (run?.phase === "queued")
    return { text: "[-]:", tag: `queued #${run.position + 1}`, failed: false, running: false };
  if (run?.phase === "waiting")
    return { text: "[-]:", tag: "waiting for the kernel", failed: false, running: false };
  const failed = outcome !== undefined && outcome !== "ok" && outcome !== "cancelled";
  const count = cell.execution_count;
  const text = count === null ? "[ ]:" : `[${count}]:`;
  return { text, tag: failed ? outcomeWord(outcome) : "", failed, running: false };
}

function outcomeWord(outcome: LastOutcome | undefined): string {
  if (outcome === "timeout") return "timed out";
  if (outcome === "died") return "kernel died";
  return "failed";
}
