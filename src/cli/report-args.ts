// `oprel report` command-line parsing: argv in, what to merge and where to write it out, or a
// USAGE error. Never exits.

import { parseArgs } from "node:util";
import { OprelError } from "../errors.js";
import type { ReportOptions } from "../run/report/write-reports.js";

export type ReportCommand =
  | { kind: "help" }
  | { kind: "merge"; reports: string[]; options: ReportOptions; debug: boolean };

const FLAGS = {
  json: { type: "string" },
  junit: { type: "string" },
  "junit-cells": { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function usage(message: string, hint = "Run 'oprel report --help' for the options."): OprelError {
  return new OprelError("USAGE", message, hint);
}

export function parseReportArgs(argv: readonly string[]): ReportCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-{1,2}[^'\s,]+)/.exec((error as Error).message)?.[1];
    throw usage(option ? `Unknown option or missing value: ${option}.` : (error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { kind: "help" };
  const [action, ...reports] = parsed.positionals;
  if (action === undefined)
    throw usage(
      "Say what to do with the reports.",
      "For example: oprel report merge a.json b.json",
    );
  if (action !== "merge")
    throw usage(`'oprel report ${action}' is not a command; the one there is is 'merge'.`);
  if (reports.length === 0)
    throw usage(
      "Give at least one JSON report to merge.",
      "For example: oprel report merge shard-1.json shard-2.json --json all.json",
    );
  if (v["junit-cells"] && v.junit === undefined)
    throw usage("--junit-cells needs --junit FILE.", "For example: --junit all.xml --junit-cells");
  for (const flag of ["json", "junit"] as const)
    if (v[flag] === "") throw usage(`--${flag} needs a value.`);
  return {
    kind: "merge",
    reports,
    options: { json: v.json, junit: v.junit, junitCells: v["junit-cells"] === true },
    debug: v.debug === true,
  };
}
