// Run benchmark: `oprel run` against `jupyter nbconvert --to notebook --execute`, same machine, same
// interpreter, interleaved (oprel, Jupyter, oprel, Jupyter, ...). Wall time of the whole command, from
// spawn to exit, output notebook written. Run: npm run bench:run  (needs Debian's jupyter-nbconvert
// and python3-ipykernel, python3-matplotlib). Results: docs/benchmarks.md.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeBenchNotebooks } from "./notebooks/generate.js";
import { median, printTable, ratio } from "./stats.js";
import { timed } from "./timed.js";

const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const JUPYTER = process.env.BENCH_JUPYTER ?? "/usr/bin/jupyter";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLI = fileURLToPath(new URL("../dist/bin/oprel.js", import.meta.url));
/** The target: oprel needs at most a tenth of nbconvert's wall time. */
const TARGET = 10;

function oprel(notebooks: string[], outDir: string, jobs = 1): Promise<number> {
  return timed(process.execPath, [
    CLI,
    "run",
    "--python",
    PYTHON,
    "-j",
    String(jobs),
    "--output-dir",
    outDir,
    ...notebooks,
  ]);
}

function nbconvert(notebook: string, outDir: string): Promise<number> {
  return timed(JUPYTER, [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--output-dir",
    outDir,
    notebook,
  ]);
}

/** One nbconvert run per notebook, `width` of them at a time (like -j 2): the fairest comparison. */
async function nbconvertEach(notebooks: string[], outDir: string, width: number): Promise<number> {
  const started = performance.now();
  const queue = [...notebooks];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await nbconvert(next, outDir);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return performance.now() - started;
}

interface Case {
  name: string;
  oprel: () => Promise<number>;
  jupyter: () => Promise<number>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-run-"));
  const out = (side: string) => {
    const path = join(dir, side);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const nb = writeBenchNotebooks(dir);
  const single = (name: string, path: string): Case => ({
    name,
    oprel: () => oprel([path], out("oprel")),
    jupyter: () => nbconvert(path, out("jupyter")),
  });
  const cases: Case[] = [
    single("5-cell notebook", nb.fiveCells),
    single("300-cell notebook", nb.threeHundredCells),
    single("printing 200,000 lines", nb.print200k),
    single("matplotlib plot", nb.matplotlib),
    {
      name: "8 notebooks: -j 2 / 2 nbconvert at a time",
      oprel: () => oprel(nb.eight, out("oprel"), 2),
      jupyter: () => nbconvertEach(nb.eight, out("jupyter"), 2),
    },
  ];

  const loadBefore = loadavg()[0] ?? 0;
  const times = new Map(
    cases.map((c) => [c.name, { oprel: [] as number[], jupyter: [] as number[] }]),
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const c of cases) {
      const t = times.get(c.name) as { oprel: number[]; jupyter: number[] };
      t.oprel.push(await c.oprel());
      t.jupyter.push(await c.jupyter());
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `oprel run vs jupyter nbconvert --execute: ${PYTHON}, ${ROUNDS} interleaved rounds, wall time in ms ` +
      `(load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after)`,
  );
  printTable(
    [
      "case",
      "oprel median",
      "nbconvert median",
      "nbconvert/oprel",
      `target ${TARGET}x`,
      "oprel min",
      "nbconvert min",
      "ratio of min",
    ],
    cases.map((c) => {
      const t = times.get(c.name) as { oprel: number[]; jupyter: number[] };
      const [o, j] = [median(t.oprel), median(t.jupyter)];
      const [oMin, jMin] = [Math.min(...t.oprel), Math.min(...t.jupyter)];
      return [
        c.name,
        o.toFixed(0),
        j.toFixed(0),
        ratio(j, o),
        j / o >= TARGET ? "met" : "missed",
        oMin.toFixed(0),
        jMin.toFixed(0),
        ratio(jMin, oMin),
      ];
    }),
  );
  console.log(
    `(notebooks: bench/notebooks/generate.ts; ${basename(CLI)} from dist/, node ${process.version})`,
  );
}

await main();
