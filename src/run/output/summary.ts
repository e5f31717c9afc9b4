// The table printed at the end of a run: notebook, status, cells run, duration.

import type { RunResult } from "../results.js";
import { didPass, formatDuration, statusWord, table } from "./format.js";

export function summaryLines(run: RunResult): string[] {
  const rows = [["notebook", "status", "cells", "duration"]];
  for (const nb of run.notebooks) {
    const toRun = nb.cells.filter((c) => c.outcome !== "skipped");
    const ran = toRun.filter((c) => c.outcome !== "not-run").length;
    rows.push([nb.path, statusWord(nb), `${ran}/${toRun.length}`, formatDuration(nb.durationMs)]);
  }
  const failed = run.notebooks.filter((nb) => !didPass(nb)).length;
  const total = run.notebooks.length;
  const plural = total === 1 ? "" : "s";
  const verdict =
    failed === 0
      ? `${total} notebook${plural} passed in ${formatDuration(run.durationMs)}`
      : `${failed} of ${total} notebook${plural} did not pass (exit code ${run.exitCode})`;
  return ["", ...table(rows), "", verdict];
}
