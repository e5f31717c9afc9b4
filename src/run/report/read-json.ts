// Reads a JSON report (json.ts writes it) back into a RunResult, for `oprel report merge` and
// `--shard-durations`. A file that is not such a report is a usage error naming what is wrong.

import { readFileSync } from "node:fs";
import { OprelError } from "../../errors.js";
import type {
  CellError,
  CellOutcome,
  CellResult,
  NotebookOutcome,
  NotebookResult,
  RunResult,
} from "../results.js";
import { JSON_REPORT_VERSION } from "./json.js";

const NOTEBOOK_OUTCOMES: readonly NotebookOutcome[] = [
  "passed",
  "passed-with-errors",
  "failed",
  "timeout",
  "died",
  "start-failed",
  "cancelled",
];
const CELL_OUTCOMES: readonly CellOutcome[] = [
  "passed",
  "failed",
  "timeout",
  "died",
  "skipped",
  "not-run",
];

type Raw = Record<string, unknown>;

/** Thrown inside the parse with the place it went wrong; readJsonReport words it for the user. */
class Shape extends Error {}

function object(value: unknown, where: string): Raw {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Shape(`${where} is not an object`);
  return value as Raw;
}

function field<T>(raw: Raw, key: string, where: string, is: (v: unknown) => v is T): T {
  const value = raw[key];
  if (!is(value)) throw new Shape(`${where}.${key} is missing or of the wrong type`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const orNull =
  <T>(is: (v: unknown) => v is T) =>
  (v: unknown): v is T | null =>
    v === null || is(v);
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T);

function millis(seconds: number | null): number | undefined {
  return seconds === null ? undefined : seconds * 1000;
}

function cellError(value: unknown, where: string): CellError | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = object(value, where);
  return {
    ename: field(raw, "ename", where, isString),
    evalue: field(raw, "evalue", where, isString),
    traceback: field(raw, "traceback", where, isArray).map(String),
  };
}

function cellResult(value: unknown, where: string): CellResult {
  const raw = object(value, where);
  return {
    index: field(raw, "index", where, isNumber),
    id: field(raw, "id", where, isString),
    // Reports from before first_line existed name their cells by number only.
    source: typeof raw.first_line === "string" ? raw.first_line : "",
    executionCount: field(raw, "execution_count", where, orNull(isNumber)),
    outcome: field(raw, "status", where, oneOf(CELL_OUTCOMES)),
    durationMs: millis(field(raw, "duration", where, orNull(isNumber))),
    error: cellError(raw.error, `${where}.error`),
  };
}

function notebookResult(value: unknown, where: string): NotebookResult {
  const raw = object(value, where);
  const path = field(raw, "path", where, isString);
  const cells = field(raw, "cells", where, isArray).map((c, i) =>
    cellResult(c, `${where}.cells[${i}]`),
  );
  const error = cellError(raw.error, `${where}.error`);
  const failedCell = field(raw, "failed_cell", where, orNull(isNumber));
  const output = field(raw, "output", where, orNull(isString));
  const saveError = field(raw, "save_error", where, orNull(isString));
  return {
    path,
    savedTo: output ?? undefined,
    saveError: saveError ?? undefined,
    outcome: field(raw, "status", where, oneOf(NOTEBOOK_OUTCOMES)),
    exitCode: field(raw, "exit_code", where, isNumber),
    durationMs: millis(field(raw, "duration", where, orNull(isNumber))) ?? 0,
    cells,
    failure: error && { cell: cells.find((c) => c.index === failedCell), error },
    warnings: field(raw, "warnings", where, isArray).map(String),
  };
}

/** The run a JSON report's text describes; throws Shape when it is not one. */
export function parseJsonReport(text: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Shape("it is not JSON");
  }
  const raw = object(value, "the report");
  if (raw.version !== JSON_REPORT_VERSION)
    throw new Shape(`its version is ${JSON.stringify(raw.version)}, not ${JSON_REPORT_VERSION}`);
  return {
    exitCode: field(raw, "exit_code", "the report", isNumber),
    durationMs: millis(field(raw, "duration", "the report", orNull(isNumber))) ?? 0,
    notebooks: field(raw, "notebooks", "the report", isArray).map((nb, i) =>
      notebookResult(nb, `notebooks[${i}]`),
    ),
  };
}

/** Reads the JSON report at `path`; `flag` names where the path came from, for the hint. */
export function readJsonReport(path: string, flag: string): RunResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it does not exist" : (error as Error).message;
    throw new OprelError(
      "USAGE",
      `${flag} ${path} cannot be read: ${why}.`,
      "Give the file an earlier 'oprel run --json FILE' wrote.",
    );
  }
  try {
    return parseJsonReport(text);
  } catch (error) {
    if (!(error instanceof Shape)) throw error;
    throw new OprelError(
      "USAGE",
      `${flag} ${path} is not an oprel JSON report: ${error.message}.`,
      "Give the file an earlier 'oprel run --json FILE' wrote.",
    );
  }
}
