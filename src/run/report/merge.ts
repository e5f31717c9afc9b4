// `oprel report merge`: the shards' runs as one. Durations add up (the machine time the suite
// took, what an unsharded run would have reported), and the worst exit code wins, as in one run.

import { worstExit } from "../exit-codes.js";
import type { RunResult } from "../results.js";

export interface MergedRun {
  run: RunResult;
  /** Notebook paths found in more than one report, each once. */
  repeated: string[];
}

export function mergeRuns(runs: readonly RunResult[]): MergedRun {
  const notebooks = runs.flatMap((run) => run.notebooks);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const nb of notebooks) {
    if (seen.has(nb.path)) repeated.add(nb.path);
    seen.add(nb.path);
  }
  return {
    run: {
      exitCode: worstExit(runs.map((run) => run.exitCode)),
      durationMs: runs.reduce((sum, run) => sum + run.durationMs, 0),
      notebooks,
    },
    repeated: [...repeated],
  };
}
