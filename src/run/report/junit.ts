// The JUnit XML report: one test suite, one test case per notebook named after it, and with
// --junit-cells one more per code cell. A cell's exception is a <failure>; a timeout, a dead
// kernel or one that would not start is an <error>.

import { plainText } from "../../terminal/sanitize.js";
import {
  type CellResult,
  cellLabel,
  errorLine,
  type NotebookResult,
  type RunResult,
} from "../results.js";

/** Escapes XML specials and drops what XML 1.0 cannot hold at all (most controls, lone surrogates). */
export function xmlEscape(text: string): string {
  return plainText(text)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

interface Case {
  classname: string;
  name: string;
  ms: number | undefined;
  kind: "pass" | "failure" | "error" | "skipped";
  message?: string;
  type?: string;
  body?: string;
}

function notebookCase(nb: NotebookResult): Case {
  const base = { classname: "oprel.notebooks", name: nb.path, ms: nb.durationMs };
  if (nb.saveError !== undefined && nb.failure === undefined) {
    return {
      ...base,
      kind: "error",
      message: nb.saveError,
      type: "SaveFailed",
      body: nb.saveError,
    };
  }
  if (nb.outcome === "passed" || nb.outcome === "passed-with-errors")
    return { ...base, kind: "pass" };
  if (nb.outcome === "cancelled") {
    return {
      ...base,
      kind: "skipped",
      message: "cancelled before it finished (--fail-fast or a signal)",
    };
  }
  const error = nb.failure?.error;
  const where = nb.failure?.cell ? `${cellLabel(nb.failure.cell)}\n\n` : "";
  const message = error ? errorLine(error) : nb.outcome;
  return {
    ...base,
    kind: nb.outcome === "failed" ? "failure" : "error",
    message,
    type: error?.ename ?? nb.outcome,
    body: `${where}${error?.traceback.join("\n") ?? message}`,
  };
}

function cellCase(nb: NotebookResult, cell: CellResult): Case {
  const base = { classname: nb.path, name: cellLabel(cell), ms: cell.durationMs };
  switch (cell.outcome) {
    case "passed":
      return { ...base, kind: "pass" };
    case "skipped":
      return { ...base, kind: "skipped", message: "tagged skip-execution" };
    case "not-run":
      return { ...base, kind: "skipped", message: "not run: the notebook stopped earlier" };
    default: {
      const message = cell.error ? errorLine(cell.error) : cell.outcome;
      return {
        ...base,
        kind: cell.outcome === "failed" ? "failure" : "error",
        message,
        type: cell.error?.ename ?? cell.outcome,
        body: cell.error?.traceback.join("\n") ?? message,
      };
    }
  }
}

function renderCase(c: Case): string {
  const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" time="${seconds(c.ms)}"`;
  if (c.kind === "pass") return `${open}/>`;
  if (c.kind === "skipped")
    return `${open}>\n      <skipped message="${xmlEscape(c.message ?? "")}"/>\n    </testcase>`;
  const body = xmlEscape(c.body ?? "");
  return (
    `${open}>\n      <${c.kind} message="${xmlEscape(c.message ?? "")}" type="${xmlEscape(c.type ?? "")}">` +
    `${body}</${c.kind}>\n    </testcase>`
  );
}

export function junitReport(run: RunResult, options: { cells: boolean; timestamp?: Date }): string {
  const cases: Case[] = [];
  for (const nb of run.notebooks) {
    cases.push(notebookCase(nb));
    if (options.cells) for (const cell of nb.cells) cases.push(cellCase(nb, cell));
  }
  const count = (kind: Case["kind"]) => cases.filter((c) => c.kind === kind).length;
  const attrs =
    `name="oprel run" tests="${cases.length}" failures="${count("failure")}" errors="${count("error")}" ` +
    `skipped="${count("skipped")}" time="${seconds(run.durationMs)}"`;
  const stamp = (options.timestamp ?? new Date()).toISOString().replace(/\.\d+Z$/, "");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites ${attrs}>`,
    `  <testsuite ${attrs} timestamp="${stamp}">`,
    ...cases.map(renderCase),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
