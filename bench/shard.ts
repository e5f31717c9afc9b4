// Shard benchmark: 40 small notebooks run by one `oprel run`, then as 4 shards run one after
// another (hash split, then balanced by the unsharded run's durations). The shards' total should
// equal the unsharded run: sharding adds one process start per shard and nothing per notebook.
// The longest shard is the wall time a 4-machine CI matrix would see. Run: npm run bench:shard.
// Results: docs/benchmarks.md.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { notebook } from "./notebooks/generate.js";
import { median, printTable } from "./stats.js";
import { timed } from "./timed.js";

const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLI = fileURLToPath(new URL("../dist/bin/oprel.js", import.meta.url));
const NOTEBOOKS = 40;
const SHARDS = 4;

/** Small notebooks of uneven length (0 to 280 ms of sleep), so balancing has something to do. */
function writeNotebooks(dir: string): string[] {
  return Array.from({ length: NOTEBOOKS }, (_, i) => {
    const name = `nb${String(i).padStart(2, "0")}.ipynb`;
    const sleep = ((i * 7) % 8) * 0.04;
    const sources = ["x = 21", 'print("x is", x)', `import time\ntime.sleep(${sleep.toFixed(2)})`];
    writeFileSync(join(dir, name), notebook(sources));
    return name;
  });
}

function oprel(dir: string, names: string[], extra: string[]): Promise<number> {
  return timed(
    process.execPath,
    [CLI, "run", "--python", PYTHON, "--no-save", ...extra, ...names],
    dir,
  );
}

function shareSize(dir: string, report: string): number {
  return (JSON.parse(readFileSync(join(dir, report), "utf8")) as { notebooks: unknown[] }).notebooks
    .length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-shard-"));
  const names = writeNotebooks(dir);
  const loadBefore = loadavg()[0] ?? 0;
  const whole: number[] = [];
  const splits = { hash: [] as number[][], durations: [] as number[][] };
  const sizes = { hash: [] as number[], durations: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    whole.push(await oprel(dir, names, ["--json", "all.json"]));
    for (const kind of ["hash", "durations"] as const) {
      const extra = kind === "durations" ? ["--shard-durations", "all.json"] : [];
      const times: number[] = [];
      for (let i = 1; i <= SHARDS; i++) {
        const report = `${kind}-${i}.json`;
        times.push(
          await oprel(dir, names, ["--shard", `${i}/${SHARDS}`, "--json", report, ...extra]),
        );
        if (round === 1) sizes[kind].push(shareSize(dir, report));
      }
      splits[kind].push(times);
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `oprel run, ${NOTEBOOKS} notebooks, unsharded and as ${SHARDS} shards one after another: ${PYTHON}, ` +
      `${ROUNDS} rounds, wall time in ms, medians (load average ${loadBefore.toFixed(2)} before, ` +
      `${(loadavg()[0] ?? 0).toFixed(2)} after)`,
  );
  const row = (name: string, runs: number[][], shares: number[]) => {
    const totals = runs.map((t) => t.reduce((a, b) => a + b, 0));
    const longest = runs.map((t) => Math.max(...t));
    const each = Array.from({ length: SHARDS }, (_, i) => median(runs.map((t) => t[i] as number)));
    return [
      name,
      shares.join("/"),
      median(totals).toFixed(0),
      `${((median(totals) / median(whole)) * 100).toFixed(0)}%`,
      median(longest).toFixed(0),
      each.map((t) => t.toFixed(0)).join(" / "),
    ];
  };
  printTable(
    ["run", "notebooks", "total", "of unsharded", "longest shard", "each shard"],
    [
      ["unsharded", String(NOTEBOOKS), median(whole).toFixed(0), "100%", "", ""],
      row("4 shards, by hash", splits.hash, sizes.hash),
      row("4 shards, by durations", splits.durations, sizes.durations),
    ],
  );
}

await main();
