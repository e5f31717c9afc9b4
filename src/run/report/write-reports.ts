// Writes the reports asked for on the command line, each atomically. A report that cannot be
// written is a problem to tell about, not a reason to lose the others.

import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { OprelError } from "../../errors.js";
import { writeFileAtomic } from "../../notebook/index.js";
import type { RunOptions } from "../options.js";
import type { RunResult } from "../results.js";
import { jsonReport } from "./json.js";
import { junitReport } from "./junit.js";

/** Where reports go: from `oprel run` or `oprel report merge`. */
export type ReportOptions = Pick<RunOptions, "junit" | "junitCells" | "json">;

/** Refuses, before anything runs, a report path that could not be written after the run. */
export function checkReportPaths(options: ReportOptions): void {
  for (const [flag, path] of [
    ["--junit", options.junit],
    ["--json", options.json],
  ] as const) {
    if (path === undefined) continue;
    const why = unwritableBecause(path);
    if (why) {
      throw new OprelError(
        "USAGE",
        `${flag} ${path} cannot be written: ${why}.`,
        `Give ${flag} a file in a folder you can write to.`,
      );
    }
  }
}

function unwritableBecause(path: string): string | undefined {
  const folder = dirname(resolve(path));
  const stats = (p: string) => statSync(p, { throwIfNoEntry: false });
  if (!stats(folder)?.isDirectory()) return `the folder ${dirname(path)} does not exist`;
  if (stats(path)?.isDirectory()) return "it is a folder";
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `the folder ${dirname(path)} is not writable`;
  }
  return undefined;
}

/** Returns a sentence about the reports that could not be written, if any. */
export async function writeReports(
  run: RunResult,
  options: ReportOptions,
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
