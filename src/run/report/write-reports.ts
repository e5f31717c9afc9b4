// Writes the reports asked for on the command line, each atomically. A report that cannot be
// written is a problem to tell about, not a reason to lose the others.

import type { RunOptions } from "../options.js";
import type { RunResult } from "../results.js";
import { writeFileAtomic } from "../write-atomic.js";
import { jsonReport } from "./json.js";
import { junitReport } from "./junit.js";

/** Returns a sentence about the reports that could not be written, if any. */
export async function writeReports(
  run: RunResult,
  options: RunOptions,
): Promise<string | undefined> {
  const jobs: [string, string][] = [];
  if (options.junit !== undefined)
    jobs.push([options.junit, junitReport(run, { cells: options.junitCells })]);
  if (options.json !== undefined) jobs.push([options.json, jsonReport(run)]);
  const problems: string[] = [];
  for (const [path, content] of jobs) {
    try {
      await writeFileAtomic(path, content);
    } catch (error) {
      problems.push(`${path} (${(error as Error).message})`);
    }
  }
  return problems.length > 0 ? `Could not write the report ${problems.join(", ")}.` : undefined;
}
