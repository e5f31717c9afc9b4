// Registry benchmark: a numpy array moved from one notebook to another through the shared registry
// (%share in one worker, %fetch in a second), next to the floor: a local pickle dump and load of
// the same array in the same worker, in the same run. Run: npm run bench:registry
// Target (issue 9): the move within 3x of the floor. BENCH_ROUNDS (default 3), BENCH_SIZES_MB.

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Kernel } from "../src/kernel/index.js";
import { formatSize, Registry } from "../src/registry/index.js";
import { median, printTable } from "./stats.js";

const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES_MB = (process.env.BENCH_SIZES_MB ?? "10,100,500").split(",").map(Number);

/** Runs a cell and returns what it printed; a failed cell stops the benchmark. */
async function printed(kernel: Kernel, code: string): Promise<string> {
  let text = "";
  const outcome = await kernel.execute(code, (event) => {
    if (event.type === "stream") text += event.text;
  });
  if (outcome.status !== "ok") throw new Error(`benchmark cell failed: ${outcome.error?.evalue}`);
  return text;
}

async function seconds(kernel: Kernel, code: string): Promise<number> {
  return Number(
    (
      await printed(
        kernel,
        `import time as _t\n_t0 = _t.perf_counter()\n${code}\nprint(_t.perf_counter() - _t0)`,
      )
    ).trim(),
  );
}

interface Figures {
  floor: number[];
  share: number[];
  fetch: number[];
  wall: number[];
}

async function measure(producer: Kernel, consumer: Kernel, mb: number): Promise<Figures> {
  const figures: Figures = { floor: [], share: [], fetch: [], wall: [] };
  await printed(producer, `import numpy as np, pickle\narr = np.random.rand(${mb} * 2**20 // 8)`);
  for (let round = 0; round < ROUNDS; round++) {
    await printed(consumer, "arr = None");
    figures.floor.push(
      await seconds(producer, "_copy = pickle.loads(pickle.dumps(arr, protocol=5))\ndel _copy"),
    );
    const t0 = performance.now();
    figures.share.push(await seconds(producer, "%share arr"));
    figures.fetch.push(await seconds(consumer, "%fetch arr"));
    figures.wall.push((performance.now() - t0) / 1000);
  }
  const check = await printed(consumer, "print(arr.nbytes, float(arr[-1]) == float(arr[-1]))");
  if (check.trim() !== `${((mb * 2 ** 20) / 8) * 8} True`) throw new Error(`wrong array: ${check}`);
  await printed(producer, "del arr");
  return figures;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "oprel-bench-registry-"));
  const registry = Registry.open({ limitBytes: 2 ** 40 });
  const start = (name: string) =>
    Kernel.start({ cwd: folder, notebookPath: join(folder, name), python: PYTHON, registry });
  const [producer, consumer] = await Promise.all([
    start("producer.ipynb"),
    start("consumer.ipynb"),
  ]);
  console.log(
    `registry benchmark: ${PYTHON}, ${ROUNDS} rounds, load average ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  const rows: string[][] = [];
  try {
    for (const mb of SIZES_MB) {
      const f = await measure(producer, consumer, mb);
      const move = median(f.share.map((s, i) => s + (f.fetch[i] ?? 0)));
      const floor = median(f.floor);
      const times = move / floor;
      rows.push([
        formatSize(mb * 2 ** 20),
        `${median(f.floor).toFixed(3)} s`,
        `${median(f.share).toFixed(3)} s`,
        `${median(f.fetch).toFixed(3)} s`,
        `${move.toFixed(3)} s`,
        `${median(f.wall).toFixed(3)} s`,
        `${times.toFixed(2)}x ${times <= 3 ? "met" : "missed"}`,
      ]);
    }
  } finally {
    await Promise.all([producer.shutdown(), consumer.shutdown()]);
    registry.close();
    rmSync(folder, { recursive: true, force: true });
  }
  printTable(
    [
      "array",
      "pickle dump+load (floor)",
      "%share",
      "%fetch",
      "move",
      "both cells, wall",
      "move/floor (target <= 3x)",
    ],
    rows,
  );
  console.log(`load average after: ${(loadavg()[0] ?? 0).toFixed(2)}`);
}

await main();
