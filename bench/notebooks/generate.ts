// The notebooks of the run benchmark, written fresh into a folder: nothing large is committed.

import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** The text of a notebook with one code cell per source. */
export function notebook(sources: string[]): string {
  const cells = sources.map((source, i) => ({
    cell_type: "code",
    execution_count: null,
    id: `bench-${i}`,
    metadata: {},
    outputs: [],
    source,
  }));
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** A small notebook of the everyday kind: assignments, prints, a result, an import. */
export const FIVE_CELLS = [
  "x = 21",
  'print("x is", x)',
  "x * 2",
  "import math\nmath.sqrt(x)",
  'print("done")',
];

export const THREE_HUNDRED_CELLS = Array.from({ length: 300 }, (_, i) =>
  i % 3 === 0 ? `v${i} = ${i}` : i % 3 === 1 ? `print(v${i - 1})` : `v${i - 2} * 2`,
);

export const PRINT_200K = ["for i in range(200_000):\n    print(i)"];

export const MATPLOTLIB = [
  "import matplotlib.pyplot as plt",
  "fig, ax = plt.subplots()\nax.plot([1, 2, 3, 4], [1, 4, 2, 3])\nax.set_title('benchmark')\nplt.show()",
];

/** The UI benchmark's big notebook: the first cell's text is what first paint waits for. */
export const FIRST_CELL_TEXT = 'first = "oprel ui bench"';
export const THOUSAND_CELLS = [
  FIRST_CELL_TEXT,
  ...THREE_HUNDRED_CELLS,
  ...THREE_HUNDRED_CELLS,
  ...THREE_HUNDRED_CELLS,
  ...THREE_HUNDRED_CELLS,
].slice(0, 1000);

/**
 * 200,000 lines paced over about 20 s, so that the whole keystroke measurement runs while the
 * stream flows (unpaced it ends in about a second).
 */
export const PACED_STREAM_200K = [
  "import time\nfor i in range(200_000):\n    print(i)\n    if i % 1_000 == 999:\n        time.sleep(0.1)",
];

/** Writes one notebook of `sources` as `name` into `dir`; returns its path. */
export function writeNotebook(dir: string, name: string, sources: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, notebook(sources));
  return path;
}

export interface BenchNotebooks {
  fiveCells: string;
  threeHundredCells: string;
  print200k: string;
  matplotlib: string;
  /** Eight small notebooks for the parallel case. */
  eight: string[];
}

export function writeBenchNotebooks(dir: string): BenchNotebooks {
  const write = (name: string, sources: string[]) => writeNotebook(dir, name, sources);
  return {
    fiveCells: write("five-cells.ipynb", FIVE_CELLS),
    threeHundredCells: write("300-cells.ipynb", THREE_HUNDRED_CELLS),
    print200k: write("print-200k.ipynb", PRINT_200K),
    matplotlib: write("matplotlib.ipynb", MATPLOTLIB),
    eight: Array.from({ length: 8 }, (_, i) => write(`parallel-${i + 1}.ipynb`, FIVE_CELLS)),
  };
}
