// What the assistant costs before the model sees anything: building the notebook context within
// its token budget, and redacting the message (done on every request). Notebooks of 100, 1,000 and
// 10,000 code cells, each with a 10-line source and 200 lines of output, the focused cell in the
// middle and one cell in error. Target: under 50 ms at p95 for 1,000 cells (a keypress's worth).
// Run: npm run bench:ai-context. Results: docs/benchmarks.md ("The assistant's context").

import { contextMessage } from "../src/ai/context/build-context.js";
import type { NotebookContext } from "../src/ai/contract.js";
import { makeRedactor } from "../src/ai/redact.js";
import type { Cell, Notebook } from "../src/notebook/index.js";
import { percentile, printTable } from "./stats.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function context(cells: number): NotebookContext {
  const made = Array.from(
    { length: cells },
    (_, i): Cell => ({
      id: `cell-${i}`,
      cell_type: "code",
      source: `value_${i} = compute(${i})\n`.repeat(10),
      metadata: {},
      execution_count: i + 1,
      outputs: [{ output_type: "stream", name: "stdout", text: `step ${i} done\n`.repeat(200) }],
    }),
  );
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: made };
  const error = `cell-${Math.floor(cells / 10)}`;
  return {
    notebook,
    path: "bench.ipynb",
    focusedCellId: `cell-${Math.floor(cells / 2)}`,
    status: (id) => (id === error ? "error" : "ok"),
  };
}

function time(run: () => void): number[] {
  run(); // warm-up
  return Array.from({ length: RUNS }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
}

const redact = makeRedactor({ ...process.env, BENCH_TOKEN: "bench-secret-value" });
const rows: string[][] = [];
for (const cells of [100, 1000, 10_000]) {
  const ctx = context(cells);
  let message = "";
  const build = time(() => {
    message = contextMessage("fix the error", ctx, null);
  });
  const redaction = time(() => redact(message));
  const ms = (values: number[]) =>
    `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)} ms`;
  rows.push([String(cells), ms(build), ms(redaction), `${Math.round(message.length / 4)}`]);
}
printTable(["cells", "context p50 / p95", "redaction p50 / p95", "tokens sent (est.)"], rows);
