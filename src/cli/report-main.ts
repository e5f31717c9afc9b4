// `oprel report merge`: read the shards' JSON reports, merge them, write the reports asked for
// with the same writers `oprel run` uses. Returns the exit code.

import { EXIT } from "../run/exit-codes.js";
import { summaryLines } from "../run/output/summary.js";
import { jsonReport } from "../run/report/json.js";
import { mergeRuns } from "../run/report/merge.js";
import { readJsonReport } from "../run/report/read-json.js";
import { checkReportPaths, writeReports } from "../run/report/write-reports.js";
import { stderr, stdout } from "../terminal/writer.js";
import { formatError } from "./errors.js";
import { parseReportArgs, type ReportCommand } from "./report-args.js";
import { REPORT_HELP } from "./report-help.js";

export async function reportMain(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  let command: ReportCommand;
  try {
    command = parseReportArgs(argv);
    if (command.kind === "help") {
      stdout().write(REPORT_HELP);
      return EXIT.ok;
    }
    checkReportPaths(command.options);
  } catch (error) {
    stderr().write(`${formatError(error, debug)}\n`);
    return EXIT.usage;
  }
  let merged: ReturnType<typeof mergeRuns>;
  try {
    merged = mergeRuns(command.reports.map((path) => readJsonReport(path, "report")));
  } catch (error) {
    stderr().write(`${formatError(error, debug)}\n`);
    return EXIT.usage;
  }
  for (const path of merged.repeated)
    stderr().write(`oprel: warning: ${path} is in more than one report; each run of it is kept.\n`);
  const { json, junit } = command.options;
  if (json === undefined && junit === undefined) {
    stdout().write(jsonReport(merged.run));
    return EXIT.ok;
  }
  const problem = await writeReports(merged.run, command.options);
  if (problem) {
    stderr().write(`oprel: ${problem}\n`);
    return EXIT.usage;
  }
  stdout().write(`${summaryLines(merged.run).join("\n")}\n`);
  return EXIT.ok;
}
