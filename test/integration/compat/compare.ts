// Cell-by-cell comparison of the notebook Jupyter wrote with the one oprel wrote for the same input.

import { existsSync, readFileSync } from "node:fs";
import { type NormalizeContext, normalizeErrorValue, normalizeText } from "./normalize.js";

/** What is compared, per code cell (or, for "notebook", the whole file). */
export type Field =
  | "notebook" // one side wrote no notebook, or a different number of code cells
  | "cells" // the same code cells, but other cells were added or removed
  | "execution_count"
  | "stdout" // all stdout text of the cell, concatenated
  | "stderr"
  | "outputs" // the sequence of result/display/error outputs differs in length or kind
  | "text/plain" // of an execute_result or display_data, in order
  | "mime types" // the set of MIME types of an execute_result or display_data, in order
  | "error"; // ename and evalue

export interface Difference {
  /** "corpus-folder/name.ipynb" or "compat/name.ipynb". */
  notebook: string;
  /**
   * 1-based position among all cells of the input (nbconvert keeps them all), as oprel reports it
   * ("cell 3"); null for the whole notebook.
   */
  cell: number | null;
  field: Field;
  jupyter: unknown;
  oprel: unknown;
}

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

interface Cell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: Output[];
}

function joined(value: string | string[] | undefined | unknown): string {
  if (Array.isArray(value)) return value.join("");
  return typeof value === "string" ? value : "";
}

/** The comparable facts of one code cell, normalized. */
function facts(cell: Cell, context: NormalizeContext): Map<Field, unknown> {
  const streams: Record<string, string> = { stdout: "", stderr: "" };
  const rich: Output[] = [];
  for (const output of cell.outputs ?? []) {
    if (output.output_type === "stream") {
      const name = output.name ?? "stdout";
      streams[name] = (streams[name] ?? "") + joined(output.text);
    } else rich.push(output);
  }
  const displays = rich.filter((o) => o.data !== undefined);
  return new Map<Field, unknown>([
    ["execution_count", cell.execution_count ?? null],
    ["stdout", normalizeText(streams.stdout ?? "", context)],
    ["stderr", normalizeText(streams.stderr ?? "", context)],
    ["outputs", rich.map((o) => o.output_type)],
    ["text/plain", displays.map((o) => normalizeText(joined(o.data?.["text/plain"]), context))],
    ["mime types", displays.map((o) => Object.keys(o.data ?? {}).sort())],
    [
      "error",
      rich
        .filter((o) => o.output_type === "error")
        .map((o) => `${o.ename}: ${normalizeErrorValue(o.evalue ?? "", context)}`),
    ],
  ]);
}

function readCells(path: string): Cell[] | null {
  if (!existsSync(path)) return null;
  return (JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] }).cells;
}

export interface Side {
  /** The executed notebook this side wrote. */
  path: string;
  /** The folder it ran in. */
  dir: string;
}

export function compareNotebooks(notebook: string, jupyter: Side, oprel: Side): Difference[] {
  const jupyterCells = readCells(jupyter.path);
  const oprelCells = readCells(oprel.path);
  const whole = (j: unknown, o: unknown): Difference[] => [
    { notebook, cell: null, field: "notebook", jupyter: j, oprel: o },
  ];
  if (!jupyterCells || !oprelCells)
    return whole(jupyterCells ? "written" : "not written", oprelCells ? "written" : "not written");
  const jupyterCode = jupyterCells.flatMap((cell, index) =>
    cell.cell_type === "code" ? [index] : [],
  );
  const oprelCode = oprelCells.filter((cell) => cell.cell_type === "code");
  if (jupyterCode.length !== oprelCode.length)
    return whole(`${jupyterCode.length} code cells`, `${oprelCode.length} code cells`);

  const differences: Difference[] = [];
  if (jupyterCells.length !== oprelCells.length)
    differences.push({
      notebook,
      cell: null,
      field: "cells",
      jupyter: jupyterCells.map((c) => c.cell_type),
      oprel: oprelCells.map((c) => c.cell_type),
    });
  jupyterCode.forEach((index, n) => {
    const j = facts(jupyterCells[index] as Cell, { dir: jupyter.dir });
    const o = facts(oprelCode[n] as Cell, { dir: oprel.dir });
    const sameKinds = JSON.stringify(j.get("outputs")) === JSON.stringify(o.get("outputs"));
    for (const [field, value] of j) {
      // Per-output fields only line up when both sides produced the same kinds of outputs.
      if (!sameKinds && (field === "text/plain" || field === "mime types" || field === "error"))
        continue;
      if (JSON.stringify(value) !== JSON.stringify(o.get(field)))
        differences.push({ notebook, cell: index + 1, field, jupyter: value, oprel: o.get(field) });
    }
  });
  return differences;
}
