// The allow-list: every difference between Jupyter and oprel that the differential test tolerates,
// each with its reason. A difference not listed here fails the test, and so does a listed one that
// no longer occurs. docs/compatibility.md repeats this list (checked by known-differences.test.ts).

import type { Difference, Field } from "./compare.js";

export interface Reason {
  /** true: oprel is wrong here ("BUG: to fix"); the entries go once it is fixed. */
  bug: boolean;
  why: string;
}

export const REASONS = {
  "shell-pty": {
    bug: false,
    why: "IPython runs `!cmd` and `%pip` in a pseudo-terminal: lines end in \\r\\n and stderr arrives as stdout. oprel runs them on pipes: lines end in \\n and stderr stays stderr.",
  },
  "exit-warning": {
    bug: false,
    why: "On `sys.exit()` or `raise SystemExit` IPython also prints its interactive hint (UserWarning: To exit: use 'exit', 'quit', or Ctrl-D.) on stderr; oprel does not.",
  },
  "sys-exit-stops": {
    bug: false,
    why: "`sys.exit()`, `sys.exit(0)` and `raise SystemExit` end the notebook in oprel (papermill's meaning, see the README), so later cells do not run; nbconvert --allow-errors goes on with the next cell.",
  },
  "formatter-error": {
    bug: false,
    why: "When a repr method raises, ipykernel records the traceback as error outputs in a cell that still succeeds (for a failing __repr__, instead of the result). oprel writes the traceback to stderr and keeps the other MIME types (for __repr__, a placeholder text), so a successful cell carries no error outputs.",
  },
  "ipykernel-internals": {
    bug: false,
    why: "The notebook sends raw Jupyter messages through `get_ipython().kernel.session` and the iopub socket. oprel has no ZMQ kernel; `get_ipython().kernel` is None.",
  },
  "no-history": {
    bug: false,
    why: "oprel keeps no IPython input history: `get_ipython().history_manager` does not exist (nbclient configures an in-memory one).",
  },
  "incomplete-input": {
    bug: false,
    why: "IPython compiles with Python's allow-incomplete-input flag, so an unclosed bracket is reported as 'incomplete input'; oprel compiles as `python` does and reports \"'(' was never closed\".",
  },
  "tokenize-count": {
    bug: false,
    why: "After an IndentationError raised by IPython's tokenizer (`<tokenize>`), IPython increments the execution count twice, so every later cell's number is one higher than oprel's (which counts each executed cell once).",
  },
  "backend-name": {
    bug: false,
    why: "`matplotlib.get_backend()` names oprel's own inline backend (module://oprel_mpl_backend) instead of matplotlib-inline's.",
  },
  "stale-markers": {
    bug: false,
    why: "oprel removes the error-marker cells papermill left in the notebook from an earlier failed run (broken1.ipynb carries two); nbconvert keeps them.",
  },
  "cr-collapsed": {
    bug: false,
    why: "nbconvert's exporter (coalesce_streams) deletes text overwritten by a carriage return before saving; oprel, like papermill, saves the stream as it was printed (front ends render both alike).",
  },
  "debugger-listing": {
    bug: false,
    why: "Before it asks for a command, `%debug` shows where it stands: IPython's debugger lists the frame's source lines in colour, oprel's (the standard library's pdb) prints `> <cell In[n]>(2)f()` and the current line. Without stdin both then raise StdinNotImplementedError.",
  },
  "prun-pager": {
    bug: false,
    why: "`%prun` sends its report to IPython's pager, which nbconvert does not record (the cell keeps only a lone space); oprel prints the report to the cell's stdout before that space, as IPython in a terminal does.",
  },
} satisfies Record<string, Reason>;

export type ReasonId = keyof typeof REASONS;

export interface KnownDifference {
  notebook: string;
  /** A cell (1-based, as in compare.ts), an inclusive range of cells, or null for the notebook. */
  cell: number | [number, number] | null;
  field: Field;
  reason: ReasonId;
}

function entry(
  notebook: string,
  cell: KnownDifference["cell"],
  field: Field,
  reason: ReasonId,
): KnownDifference {
  return { notebook, cell, field, reason };
}

const MAGICS = "compat/magics.ipynb";
const RESULTS = "compat/results.ipynb";
const exitNotebooks = (names: string[]) => names.map((name) => `papermill/${name}.ipynb`);

export const KNOWN: KnownDifference[] = [
  // nbclient corpus
  entry("nbclient/Check History in Memory.ipynb", 2, "outputs", "no-history"),
  entry("nbclient/Inline Image.ipynb", 2, "stderr", "formatter-error"),
  entry("nbclient/Inline Image.ipynb", 2, "outputs", "formatter-error"),
  entry("nbclient/update-display-id.ipynb", [2, 6], "outputs", "ipykernel-internals"),
  // papermill corpus
  entry("papermill/broken1.ipynb", null, "cells", "stale-markers"),
  ...exitNotebooks(["sysexit", "sysexit0", "sysexit1", "systemexit"]).map((notebook) =>
    entry(notebook, 2, "stderr", "exit-warning"),
  ),
  ...exitNotebooks(["sysexit", "sysexit0", "systemexit"]).flatMap((notebook) => [
    entry(notebook, 3, "stdout", "sys-exit-stops"),
    entry(notebook, 3, "execution_count", "sys-exit-stops"),
  ]),
  // our notebooks
  entry("compat/errors.ipynb", 6, "error", "incomplete-input"),
  entry("compat/errors.ipynb", [9, 24], "execution_count", "tokenize-count"),
  ...[2, 3, 5, 15, 36].map((cell) => entry(MAGICS, cell, "stdout", "shell-pty")),
  entry(MAGICS, 5, "stderr", "shell-pty"),
  entry("compat/matplotlib.ipynb", 10, "text/plain", "backend-name"),
  entry(RESULTS, 45, "outputs", "formatter-error"),
  entry("compat/streams.ipynb", 7, "stdout", "cr-collapsed"),
  entry("compat/unicode.ipynb", 10, "stdout", "shell-pty"),
  entry("compat/debugging.ipynb", 11, "stdout", "debugger-listing"),
  entry("compat/debugging.ipynb", 15, "stdout", "prun-pager"),
];

/** The single cells an entry stands for. */
export function cellsOf(known: KnownDifference): (number | null)[] {
  if (!Array.isArray(known.cell)) return [known.cell];
  const [from, to] = known.cell;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function covers(known: KnownDifference, found: Difference): boolean {
  return (
    known.notebook === found.notebook &&
    known.field === found.field &&
    cellsOf(known).includes(found.cell)
  );
}

export function describeDifference(d: Difference): string {
  const where = d.cell === null ? d.notebook : `${d.notebook} cell ${d.cell}`;
  return `${where} ${d.field}:\n  jupyter: ${JSON.stringify(d.jupyter)}\n  oprel:   ${JSON.stringify(d.oprel)}`;
}

/** For one notebook: differences not on the list, and listed cells that no longer differ. */
export function verdict(
  notebook: string,
  found: Difference[],
): { unexpected: string[]; stale: string[] } {
  const mine = found.filter((d) => d.notebook === notebook);
  const listed = KNOWN.filter((k) => k.notebook === notebook);
  const stale = listed.flatMap((k) =>
    cellsOf(k)
      .filter((cell) => !mine.some((d) => d.field === k.field && d.cell === cell))
      .map((cell) => `${notebook} cell ${cell} ${k.field} (${k.reason}) no longer differs`),
  );
  return {
    unexpected: mine.filter((d) => !listed.some((k) => covers(k, d))).map(describeDifference),
    stale,
  };
}
