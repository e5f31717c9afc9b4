// Output view micro-benchmark: what a streaming cell costs the terminal UI, outside Ink.
// Run: npx tsx bench/output-render.ts. Prints figures (not a test): the cost of appending each
// 1,000 lines as a stream grows to 200,000 lines, and of windowLines (the tail the screen draws)
// at each size, which must stay flat; plus a tqdm-style progress bar and a rebuild from saved text.

import { CellOutputs } from "../src/ui/output/cell-output.js";
import { median, percentile, printTable } from "./stats.js";

const TOTAL = 200_000;
const LINES_PER_EVENT = 100; // the worker batches prints into stream events
const CHECKPOINTS = [1_000, 10_000, 50_000, 100_000, 150_000, 200_000];
const WIDTH = 100;
const WINDOW = 20;

function line(i: number): string {
  return `step ${i}: loss=${(1 / (i + 1)).toFixed(6)} \u001b[32mok\u001b[0m\n`;
}

function streamGrowth(): string[][] {
  const view = CellOutputs.fromOutputs([]);
  const rows: string[][] = [];
  const perThousand: number[] = []; // ms to append each successive 1,000 lines
  let sum = 0;
  for (let i = 0; i < TOTAL; i += LINES_PER_EVENT) {
    let text = "";
    for (let j = i; j < i + LINES_PER_EVENT; j++) text += line(j);
    const t0 = performance.now();
    view.appendStream("stdout", text);
    sum += performance.now() - t0;
    const done = i + LINES_PER_EVENT;
    if (done % 1000 !== 0) continue;
    perThousand.push(sum);
    sum = 0;
    if (!CHECKPOINTS.includes(done)) continue;
    const windows: number[] = [];
    for (let k = 0; k < 50; k++) {
      view.appendStream("stdout", "x"); // a new version, so the window is not cached
      const t1 = performance.now();
      view.windowLines(WIDTH, WINDOW);
      windows.push(performance.now() - t1);
    }
    view.appendStream("stdout", "\n");
    // The median of the last ten thousands: one figure per size that scheduling noise moves less.
    const recent = perThousand.slice(-10);
    rows.push([
      done.toLocaleString("en-US"),
      median(recent).toFixed(2),
      median(windows).toFixed(3),
      percentile(windows, 95).toFixed(3),
    ]);
  }
  return rows;
}

function progressBar(): string {
  const view = CellOutputs.fromOutputs([]);
  const updates = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < updates; i++) {
    const pct = Math.floor((i / updates) * 100);
    view.appendStream(
      "stderr",
      `\r${String(pct).padStart(3)}%|${"█".repeat(pct / 5).padEnd(20)}| ${i}/${updates}`,
    );
    if (i % 100 === 0) view.windowLines(WIDTH, WINDOW);
  }
  const ms = performance.now() - t0;
  return `${updates.toLocaleString("en-US")} progress-bar updates (a window every 100): ${ms.toFixed(0)} ms, ${((ms / updates) * 1000).toFixed(1)} µs each`;
}

function rebuild(): string {
  let text = "";
  for (let i = 0; i < TOTAL; i++) text += line(i);
  const t0 = performance.now();
  const view = CellOutputs.fromOutputs([{ output_type: "stream", name: "stdout", text }]);
  view.windowLines(WIDTH, WINDOW);
  const first = performance.now() - t0;
  const t1 = performance.now();
  view.windowLines(WIDTH, WINDOW + 1);
  return `saved 200,000-line output: first window (builds the store) ${first.toFixed(0)} ms, next window ${(performance.now() - t1).toFixed(3)} ms`;
}

function longLine(): string {
  const text = "0123456789".repeat(500_000);
  const t0 = performance.now();
  const view = CellOutputs.fromOutputs([{ output_type: "stream", name: "stdout", text }]);
  view.windowLines(WIDTH, WINDOW);
  return `one 5,000,000-character line: build and first window ${(performance.now() - t0).toFixed(0)} ms`;
}

console.log(
  `Stream of ${TOTAL.toLocaleString("en-US")} lines in events of ${LINES_PER_EVENT} lines; windowLines(${WIDTH}, ${WINDOW})`,
);
printTable(
  [
    "lines so far",
    "append ms per 1,000 lines (median of last 10)",
    "windowLines p50 ms",
    "windowLines p95 ms",
  ],
  streamGrowth(),
);
console.log(progressBar());
console.log(rebuild());
console.log(longLine());
