// Helpers for the magics tests: what a cell printed, displayed and returned.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { DisplayEvent, KernelEvent, UpdateDisplayEvent } from "../../../src/kernel/index.js";
import { type Run, run } from "../kernel/helpers.js";

export { run, startKernel } from "../kernel/helpers.js";

/** Debian's interpreter: has matplotlib 3.6, IPython 8.5, numpy. The PATH python3 has none of them. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

/**
 * A virtual environment without any third-party package (no IPython, no matplotlib), whatever the
 * machine's interpreters have installed; removed after the test file. Without pip, so quick to make.
 */
export function bareVenvPython(): string {
  const venv = mkdtempSync(join(tmpdir(), "oprel-bare-venv-"));
  afterAll(() => rmSync(venv, { recursive: true, force: true }));
  execFileSync("python3", ["-m", "venv", "--without-pip", venv]);
  return join(venv, "bin", "python");
}

export function stream(cell: Run, name: "stdout" | "stderr"): string {
  return cell.events
    .map((event) => (event.type === "stream" && event.name === name ? event.text : ""))
    .join("");
}

export function displays(cell: Run): DisplayEvent[] {
  return cell.events.filter((event): event is DisplayEvent => event.type === "display");
}

export function updates(cell: Run): UpdateDisplayEvent[] {
  return cell.events.filter(
    (event): event is UpdateDisplayEvent => event.type === "update_display",
  );
}

/** The text/plain of the cell's execute result, or undefined when there is none. */
export function resultText(cell: Run): string | undefined {
  const result = cell.events.find((event) => event.type === "result");
  return result?.type === "result" ? String(result.data["text/plain"]) : undefined;
}

export function resultData(cell: Run): Record<string, unknown> | undefined {
  const result = cell.events.find((event) => event.type === "result");
  return result?.type === "result" ? result.data : undefined;
}

export function errorOf(cell: Run): Extract<KernelEvent, { type: "error" }> | undefined {
  return cell.events.find(
    (event): event is Extract<KernelEvent, { type: "error" }> => event.type === "error",
  );
}

/** Runs a cell that must succeed; a failure shows the worker's error, not just "expected ok". */
export async function ok(...args: Parameters<typeof run>): Promise<Run> {
  const cell = await run(...args);
  if (cell.outcome.status !== "ok") {
    const error = errorOf(cell);
    throw new Error(
      `cell failed: ${args[1]}\n${error ? error.traceback.join("\n") : cell.outcome.status}\n${stream(cell, "stderr")}`,
    );
  }
  return cell;
}

/**
 * The message of a UsageError shown as IPython shows it: `UsageError: message` alone on stderr, no
 * error output, a failed cell whose `done` carries ename, evalue and that line (Jupyter's
 * execute_reply). Throws, saying what differs, for any other shape.
 */
export function usageError(cell: Run): string {
  const stderr = stream(cell, "stderr");
  const done = cell.events.at(-1) as { type: string; status?: string; error?: unknown };
  const line = stderr.endsWith("\n") ? stderr.slice(0, -1) : stderr;
  const evalue = line.slice("UsageError: ".length);
  const expected = { ename: "UsageError", evalue, traceback: [line] };
  const fine =
    line.startsWith("UsageError: ") &&
    !line.includes("\n") &&
    errorOf(cell) === undefined &&
    done.type === "done" &&
    done.status === "error" &&
    JSON.stringify(done.error) === JSON.stringify(expected);
  if (!fine) {
    throw new Error(`not a UsageError as IPython shows it: ${JSON.stringify(cell.events)}`);
  }
  return evalue;
}
