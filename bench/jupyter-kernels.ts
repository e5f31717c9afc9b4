// Jupyter kernel benchmark: oprel's bridge (src/kernel/jupyter) against jupyter_client on the same
// kernels (Debian's ipykernel and IRkernel, and tslab from node_modules through a temporary
// JUPYTER_PATH), interleaved rounds: start to the first `1+1` done, and the `1+1` round trip
// (p50/p95); then `oprel run` on an R notebook beside `jupyter nbconvert --execute`.
// Run: npm run bench:jupyter (BENCH_KERNELS=tslab for some of them). Results: docs/benchmarks.md.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findKernelSpec, JupyterKernel } from "../src/kernel/index.js";
import { tslabJupyterPath } from "../test/integration/kernel/tslab.js";
import { median, percentile, printTable, ratio } from "./stats.js";
import { timed } from "./timed.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTS = 2;
const ROUNDTRIPS = 100;
const KERNELS = (process.env.BENCH_KERNELS ?? "python3,ir,tslab").split(",");
const bridge = fileURLToPath(new URL("./jupyter_bridge.py", import.meta.url));
const CLI = fileURLToPath(new URL("../dist/bin/oprel.js", import.meta.url));

interface Figures {
  firstMs: number[];
  roundtripMs: number[];
}

async function oneOnePlusOne(kernel: JupyterKernel): Promise<void> {
  const outcome = await kernel.execute("1+1", () => {});
  if (outcome.status !== "ok") throw new Error(`1+1 failed: ${outcome.error?.evalue}`);
}

async function oprelRound(name: string, into: Figures): Promise<void> {
  const spec = findKernelSpec(name);
  if (!spec) throw new Error(`kernel ${name} is not installed`);
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const kernel = await JupyterKernel.start(spec, { cwd: process.cwd() });
    await oneOnePlusOne(kernel);
    into.firstMs.push(performance.now() - t0);
    await kernel.shutdown();
  }
  const kernel = await JupyterKernel.start(spec, { cwd: process.cwd() });
  await oneOnePlusOne(kernel);
  for (let i = 0; i < ROUNDTRIPS; i++) {
    const t0 = performance.now();
    await oneOnePlusOne(kernel);
    into.roundtripMs.push(performance.now() - t0);
  }
  await kernel.shutdown();
}

function jupyterRound(name: string, into: Figures): void {
  const out = execFileSync("/usr/bin/python3", [bridge, name, String(STARTS), String(ROUNDTRIPS)], {
    encoding: "utf8",
  });
  const figures = JSON.parse(out) as { first_ms: number[]; roundtrip_ms: number[] };
  into.firstMs.push(...figures.first_ms);
  into.roundtripMs.push(...figures.roundtrip_ms);
}

function rNotebook(dir: string): string {
  const sources = [
    "x <- c(1, 2, 3)\nprint(mean(x))",
    "summary(x)",
    'df <- data.frame(a = 1:3, b = c("x", "y", "z"))\ndf',
    "m <- matrix(1:6, nrow = 2)\nm %*% t(m)",
    'cat("done\\n")',
  ];
  const nb = {
    cells: sources.map((source, i) => ({
      cell_type: "code",
      execution_count: null,
      id: `r-${i}`,
      metadata: {},
      outputs: [],
      source,
    })),
    metadata: { kernelspec: { name: "ir", display_name: "R", language: "R" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const path = join(dir, "r.ipynb");
  writeFileSync(path, JSON.stringify(nb));
  return path;
}

async function main(): Promise<void> {
  // Both clients find tslab's kernelspec here (jupyter_client inherits the environment).
  process.env.JUPYTER_PATH = [tslabJupyterPath(), process.env.JUPYTER_PATH]
    .filter(Boolean)
    .join(":");
  const loadBefore = loadavg()[0] ?? 0;
  const figures = new Map(
    KERNELS.flatMap((k) => [
      [`${k}:oprel`, { firstMs: [], roundtripMs: [] } as Figures],
      [`${k}:jupyter`, { firstMs: [], roundtripMs: [] } as Figures],
    ]),
  );
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-jupyter-"));
  const notebook = rNotebook(dir);
  const runs = { oprel: [] as number[], nbconvert: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of KERNELS) {
      await oprelRound(name, figures.get(`${name}:oprel`) as Figures);
      jupyterRound(name, figures.get(`${name}:jupyter`) as Figures);
    }
    process.stderr.write(`round ${round}/${ROUNDS}: kernels done\n`);
    if (!KERNELS.includes("ir")) continue;
    runs.oprel.push(
      await timed(process.execPath, [CLI, "run", "--output-dir", join(dir, "o"), notebook]),
    );
    runs.nbconvert.push(
      await timed("/usr/bin/jupyter", [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--output-dir",
        join(dir, "j"),
        notebook,
      ]),
    );
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `oprel's Jupyter bridge vs jupyter_client, same kernels, ${ROUNDS} interleaved rounds, ms ` +
      `(load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after)`,
  );
  printTable(
    ["kernel", "client", "start to first 1+1 (median)", "1+1 p50", "1+1 p95"],
    [...figures.entries()].map(([key, f]) => {
      const [kernel, client] = key.split(":") as [string, string];
      return [
        kernel,
        client === "oprel" ? "oprel" : "jupyter_client",
        median(f.firstMs).toFixed(0),
        percentile(f.roundtripMs, 50).toFixed(2),
        percentile(f.roundtripMs, 95).toFixed(2),
      ];
    }),
  );
  if (runs.oprel.length === 0) return;
  const [o, n] = [median(runs.oprel), median(runs.nbconvert)];
  console.log(
    `\noprel run on a 5-cell R notebook: ${o.toFixed(0)} ms median; nbconvert --execute: ${n.toFixed(0)} ms (${ratio(n, o)} oprel's speed)`,
  );
}

await main();
