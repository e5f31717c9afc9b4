// Cell editor micro-benchmark: what one keystroke costs in the text buffer reducer and the layout
// (the window of rows the editor shows), on a 10,000-line cell and a small one, and what pasting
// 10,000 lines costs. Run: npx tsx bench/editor.ts   (figures only; no pass/fail)

import { editorMetrics, followCursor, layoutEditor } from "../src/ui/editor/layout.js";
import {
  createTextBuffer,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "../src/ui/editor/text-buffer.js";
import { median, percentile, printTable } from "./stats.js";

const WIDTH = 100;
const HEIGHT = 40;
const KEYSTROKES = 400;

function pythonCell(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `def step_${i}(frame, rate=${i % 7}.5):`,
      `    """Scale column ${i} of the frame."""`,
      `    values = [x * rate for x in frame["col_${i}"] if x is not None]  # keep ${i}`,
      `    return {"mean": sum(values) / max(1, len(values)), "n": len(values)}`,
      "",
    );
  }
  return out.slice(0, lines).join("\n");
}

interface Timing {
  reducer: number[];
  layout: number[];
}

/** Applies `actions` one by one, laying out the window after each, as the editor does. */
function keystrokes(start: TextBufferState, actions: TextBufferAction[]): Timing {
  const timing: Timing = { reducer: [], layout: [] };
  let state = start;
  let top = 0;
  const options = { width: WIDTH, lineNumbers: true, prompt: "[1]: " };
  for (const action of actions) {
    const t0 = performance.now();
    state = textBufferReducer(state, action);
    const t1 = performance.now();
    const metrics = editorMetrics(state, options);
    top = followCursor(top, metrics.cursorRow, HEIGHT, metrics.totalRows);
    layoutEditor(state, { ...options, window: { start: top, count: HEIGHT } });
    const t2 = performance.now();
    timing.reducer.push(t1 - t0);
    timing.layout.push(t2 - t1);
  }
  return timing;
}

function row(name: string, timing: Timing): string[] {
  const total = timing.reducer.map((r, i) => r + (timing.layout[i] ?? 0));
  const fmt = (v: number) => v.toFixed(3);
  return [
    name,
    fmt(median(timing.reducer)),
    fmt(median(timing.layout)),
    fmt(median(total)),
    fmt(percentile(total, 95)),
  ];
}

function at(text: string, row: number): TextBufferState {
  return textBufferReducer(createTextBuffer(text), { type: "moveTo", position: { row, col: 10 } });
}

// Typing as people type: a statement of words and spaces, then Enter, again and again.
const STATEMENT = "total = compute(frame, rate) + offset";
const typing = (n: number): TextBufferAction[] =>
  Array.from({ length: n }, (_, i) => {
    const at = i % (STATEMENT.length + 1);
    return at === STATEMENT.length
      ? { type: "newline" }
      : { type: "insert", text: STATEMENT[at] as string };
  });
const moving: TextBufferAction[] = Array.from({ length: KEYSTROKES }, (_, i) => ({
  type: "move",
  motion: i % 100 < 50 ? "down" : "up",
}));

const big = pythonCell(10_000);
const small = pythonCell(20);
// Warm up the JIT and the caches once, as a running editor would be.
keystrokes(at(big, 5_000), typing(100));

const rows = [
  row("type, 20-line cell", keystrokes(at(small, 10), typing(KEYSTROKES))),
  row("type, 10,000-line cell", keystrokes(at(big, 5_000), typing(KEYSTROKES))),
  row("arrow up/down, 10,000-line cell", keystrokes(at(big, 5_000), moving)),
  row(
    "newline, 10,000-line cell",
    keystrokes(at(big, 5_000), Array(100).fill({ type: "newline" })),
  ),
];
console.log(
  `Keystroke cost in ms (reducer, layout of a ${HEIGHT}-row window at ${WIDTH} columns):`,
);
printTable(["case", "reducer p50", "layout p50", "total p50", "total p95"], rows);

const paste: number[] = [];
const pasteLayout: number[] = [];
const undo: number[] = [];
for (let i = 0; i < 15; i++) {
  const text = pythonCell(10_000).replaceAll("step_", `step${i}_`);
  const before = at(small, 10);
  const t0 = performance.now();
  const after = textBufferReducer(before, { type: "paste", text });
  const t1 = performance.now();
  const metrics = editorMetrics(after, { width: WIDTH });
  layoutEditor(after, {
    width: WIDTH,
    window: { start: Math.max(0, metrics.cursorRow - HEIGHT + 1), count: HEIGHT },
  });
  const t2 = performance.now();
  textBufferReducer(after, { type: "undo" });
  const t3 = performance.now();
  paste.push(t1 - t0);
  pasteLayout.push(t2 - t1);
  undo.push(t3 - t2);
}
console.log("\nPaste of 10,000 lines into a 20-line cell, ms:");
printTable(
  ["step", "p50", "max"],
  [
    ["reducer (one edit)", median(paste).toFixed(2), Math.max(...paste).toFixed(2)],
    ["first layout after it", median(pasteLayout).toFixed(2), Math.max(...pasteLayout).toFixed(2)],
    ["undo of the paste", median(undo).toFixed(2), Math.max(...undo).toFixed(2)],
  ],
);
