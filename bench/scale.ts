// Scale benchmark: the cost of `oprel run` as the work grows, beside nbconvert and plain python3 on the
// same work, in the same run. Run: npm run bench:scale (needs Debian's jupyter-nbconvert and
// python3-ipykernel). Results: docs/benchmarks.md.
//
// - Trivial cells, 1,000 and 10,000: time per cell should stay flat (10k within 1.2x of 1k), and 10k
//   cells should take at most 0.10x of nbconvert's time. The controller's peak memory should stay
//   under 2x the size of the notebook it writes plus a fixed base under 80 MiB.
// - One cell printing 1.6M lines: within 2x of plain python3 printing them into a pipe (default
//   buffering), while a line still reaches the reader within 100 ms of being printed.
// - One cell printing 1 GB: it completes with the controller under 300 MB of RSS (the cell's output is
//   capped at 100 MB); nbconvert on the same cell, stopped after BENCH_CAP_S seconds.
// Memory is the peak RSS (VmHWM) of the controller process alone, read from /proc while it runs.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { notebook as notebookText } from "./notebooks/generate.js";
import { printTable } from "./stats.js";

const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const JUPYTER = process.env.BENCH_JUPYTER ?? "/usr/bin/jupyter";
const CLI = fileURLToPath(new URL("../dist/bin/oprel.js", import.meta.url));
/** nbconvert gets this long on the 1 GB cell before it is stopped. */
const CAP_S = Number(process.env.BENCH_CAP_S ?? 300);
const MIB = 1024 * 1024;

const env: NodeJS.ProcessEnv = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
delete env.MPLBACKEND;

interface Measured {
  ms: number;
  /** Peak RSS of the process itself, in bytes. */
  peak: number;
  code: number | null;
  timedOut: boolean;
  stdout: string;
}

function vmHwm(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs a command to its end (or the cap), with its wall time and peak RSS. */
function measure(
  command: string,
  args: string[],
  options: { capS?: number; keepStdout?: boolean; onLine?: (line: string) => void } = {},
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    let stdout = "";
    let stderr = "";
    let partial = "";
    let timedOut = false;
    const sample = setInterval(() => {
      if (child.pid) peak = Math.max(peak, vmHwm(child.pid));
    }, 50);
    const cap = options.capS
      ? setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, options.capS * 1000)
      : undefined;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (options.keepStdout) stdout += chunk;
      if (options.onLine) {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) options.onLine(line);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", reject);
    child.on("exit", () => {
      if (child.pid) peak = Math.max(peak, vmHwm(child.pid));
    });
    child.on("close", (code) => {
      clearInterval(sample);
      clearTimeout(cap);
      const ms = performance.now() - started;
      if (code !== 0 && !timedOut && !options.capS) {
        reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr}`));
      } else resolve({ ms, peak, code, timedOut, stdout });
    });
  });
}

function notebook(dir: string, name: string, sources: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, notebookText(sources));
  return path;
}

const oprel = (path: string, out: string, extra: string[] = [], onLine?: (l: string) => void) =>
  measure(process.execPath, [CLI, "run", "--python", PYTHON, ...extra, "-o", out, path], {
    ...(onLine ? { onLine } : {}),
  });

const nbconvert = (path: string, outDir: string, capS?: number) =>
  measure(
    JUPYTER,
    ["nbconvert", "--to", "notebook", "--execute", "--output-dir", outDir, path],
    capS ? { capS } : {},
  );

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const met = (ok: boolean) => (ok ? "met" : "missed");

async function trivialCells(dir: string): Promise<void> {
  const rows: string[][] = [];
  const perCell: number[] = [];
  for (const count of [1000, 10_000]) {
    const sources = Array.from({ length: count }, (_, i) => `x = ${i}`);
    const path = notebook(dir, `trivial-${count}.ipynb`, sources);
    const out = join(dir, `trivial-${count}.out.ipynb`);
    const o = await oprel(path, out);
    const size = statSync(out).size;
    const j = await nbconvert(path, join(dir, "jupyter"));
    perCell.push(o.ms / count);
    const budget = 2 * size + 80 * MIB;
    rows.push([
      `${count.toLocaleString("en")} trivial cells`,
      s(o.ms),
      `${((o.ms / count) * 1000).toFixed(0)} µs`,
      s(j.ms),
      `${(o.ms / j.ms).toFixed(3)}x`,
      mib(o.peak),
      `${mib(size)} -> ${mib(budget)}`,
      met(o.peak <= budget),
    ]);
  }
  printTable(
    [
      "case",
      "oprel",
      "per cell",
      "nbconvert",
      "oprel/nbconvert (target <= 0.10x at 10k)",
      "controller peak",
      "notebook -> memory budget",
      "memory",
    ],
    rows,
  );
  const growth = (perCell[1] ?? 0) / (perCell[0] ?? 1);
  console.log(
    `time per cell, 10,000 against 1,000 cells: ${growth.toFixed(2)}x (target <= 1.2x: ${met(growth <= 1.2)})\n`,
  );
}

async function manyLines(dir: string): Promise<void> {
  const lines = 1_600_000;
  const script = join(dir, "lines.py");
  writeFileSync(script, `for i in range(${lines}):\n    print(i)\n`);
  const path = notebook(dir, "lines.ipynb", [readFileSync(script, "utf8")]);
  // Plain python3 into a pipe that this process drains, as a shell pipeline would.
  const plain = await measure(PYTHON, [script]);
  const o = await oprel(path, join(dir, "lines.out.ipynb"));
  const j = await nbconvert(path, join(dir, "jupyter"));

  // Latency: a cell prints a timestamp every 50 ms, each followed by 1,000 other lines; --log-output
  // shows each mark, and the mark's age when it reaches this reader is the delay. (Bursts much
  // larger than that measure how fast --log-output prints, not how soon output arrives.)
  const marks = notebook(dir, "latency.ipynb", [
    "import time\nfor k in range(40):\n    print(f'mark {time.time()}')\n    for i in range(1000):\n        print(i)\n    time.sleep(0.05)",
  ]);
  const delays: number[] = [];
  await oprel(marks, join(dir, "latency.out.ipynb"), ["--log-output"], (line) => {
    const match = /mark (\d+\.\d+)/.exec(line);
    if (match) delays.push(Date.now() - Number(match[1]) * 1000);
  });
  const worst = Math.max(...delays);
  printTable(
    [
      "case",
      "oprel",
      "plain python3 | pipe",
      "oprel/python3 (target <= 2x)",
      "nbconvert",
      "oprel peak",
    ],
    [
      [
        "1.6M printed lines",
        s(o.ms),
        s(plain.ms),
        `${(o.ms / plain.ms).toFixed(2)}x ${met(o.ms <= 2 * plain.ms)}`,
        s(j.ms),
        mib(o.peak),
      ],
    ],
  );
  console.log(
    `a printed line reaches the reader after at most ${worst.toFixed(0)} ms (median ${
      delays.sort((a, b) => a - b)[Math.floor(delays.length / 2)]?.toFixed(0) ?? "?"
    } ms, ${delays.length} marks; target <= 100 ms: ${met(worst <= 100)})\n`,
  );
}

async function oneGigabyte(dir: string): Promise<void> {
  const source =
    "import sys\nline = 'x' * 1023 + '\\n'\nfor i in range(1024 * 1024):\n    sys.stdout.write(line)";
  const path = notebook(dir, "gigabyte.ipynb", [source]);
  const out = join(dir, "gigabyte.out.ipynb");
  const o = await oprel(path, out);
  const j = await nbconvert(path, join(dir, "jupyter"), CAP_S);
  const jupyterSaid = j.timedOut
    ? `stopped after ${CAP_S} s`
    : j.code === 0
      ? s(j.ms)
      : `failed (exit ${j.code}) after ${s(j.ms)}`;
  printTable(
    [
      "case",
      "oprel",
      "controller peak (target < 300 MB)",
      "notebook written",
      "nbconvert",
      "nbconvert peak",
    ],
    [
      [
        "a cell printing 1 GB",
        s(o.ms),
        `${mib(o.peak)} ${met(o.peak < 300 * 1000 * 1000)}`,
        mib(statSync(out).size),
        jupyterSaid,
        mib(j.peak),
      ],
    ],
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-scale-"));
  const loadBefore = loadavg()[0] ?? 0;
  console.log(
    `oprel run at scale, beside nbconvert and plain python3 (${PYTHON}), node ${process.version}\n`,
  );
  try {
    const only = process.env.BENCH_ONLY;
    if (!only || only === "cells") await trivialCells(dir);
    if (!only || only === "lines") await manyLines(dir);
    if (!only || only === "gigabyte") await oneGigabyte(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\n(load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after; nbconvert's peak is its own process, without its kernel)`,
  );
}

await main();
