// UI benchmark: the real `oprel notebook.ipynb` driven through a real pseudo-terminal (the e2e
// harness: node-pty + @xterm/headless), each figure beside a baseline measured by the same harness
// in the same run:
//   - first paint of a 1,000-cell notebook (first frame showing the first cell's text), beside
//     `node -e 'import("ink")'` from spawn to exit;
//   - keystroke-to-screen latency, p50/p95, typing in a cell and moving between cells (j/k), idle
//     and while a second notebook streams 200,000 lines, beside bench/echo-app.tsx (a minimal Ink
//     app that shows the keys it gets), idle and while a Python process streams the same lines.
// Targets (issue 7): first paint within 1.5x of the Ink import; keystroke p95 within 2x of the echo
// app's. Run: npm run bench:ui. Results: docs/benchmarks.md.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTerminal, type TestTerminal } from "../test/e2e/harness.js";
import { type Latencies, measureKeys } from "./key-latency.js";
import {
  FIRST_CELL_TEXT,
  PACED_STREAM_200K,
  THOUSAND_CELLS,
  writeNotebook,
} from "./notebooks/generate.js";
import { percentile, printTable } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = process.env.BENCH_CLI ?? join(ROOT, "dist/bin/oprel.js");
/** BENCH_ONLY=paint measures first paint alone (quick runs while tuning start-up). */
const ONLY_PAINT = process.env.BENCH_ONLY === "paint";
const ECHO_APP = join(ROOT, "bench/echo-app.tsx");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 120);
const PYTHON = process.env.BENCH_PYTHON ?? "python3";
/** BENCH_NODE_ARGS: Node flags for oprel alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
const COLS = 100;
const ROWS = 30;

/** Keys the app binds (src/ui/keys): run a cell in place, switch tabs, edit mode, command mode. */
const KEYS = {
  edit: "enter",
  runInPlace: "ctrl+e",
  nextTab: "ctrl+pagedown",
  prevTab: "ctrl+pageup",
  down: "j",
  up: "k",
};

/** Spawn-to-exit of a command through the pty, best of the median of ROUNDS. */
async function timeToExit(command: string, args: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const t = await startTerminal({ command, args, cols: COLS, rows: ROWS });
    const status = await t.exit({ timeout: 30_000 });
    times.push(performance.now() - started);
    await t.dispose();
    if (status.exitCode !== 0)
      throw new Error(`${command} ${args.join(" ")} failed\n${t.describe()}`);
  }
  return percentile(times, 50);
}

async function startOprel(files: string[], cwd: string): Promise<TestTerminal> {
  return startTerminal({
    command: process.execPath,
    args: [...NODE_ARGS, CLI, ...files],
    cols: COLS,
    rows: ROWS,
    cwd,
    keyboard: "kitty",
  });
}

async function stop(t: TestTerminal): Promise<void> {
  t.kill("SIGTERM");
  await t.exit({ timeout: 10_000 }).catch(() => undefined);
  await t.dispose();
}

/** Spawn to the first frame that shows the first cell's text, median of ROUNDS. */
async function firstPaint(notebook: string, cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const t = await startOprel([notebook], cwd);
    try {
      await t.waitForText(FIRST_CELL_TEXT, { timeout: 20_000 });
      times.push(performance.now() - started);
    } finally {
      await stop(t);
    }
  }
  return percentile(times, 50);
}

const MARK = "@";
const countMarks = (text: string) => text.split(MARK).length - 1;

/** 20 "@" typed, then 20 Backspaces, and again: each key changes how many "@" the screen shows. */
function typingKeys(t: TestTerminal) {
  const base = countMarks(t.text());
  let expected = base;
  return (i: number) => {
    const adding = Math.floor(i / 20) % 2 === 0;
    expected += adding ? 1 : -1;
    const want = expected;
    return { key: adding ? MARK : "backspace", shown: () => countMarks(t.text()) === want };
  };
}

/**
 * j ten times, then k ten times, and again: each move changes the screen (if only its styling) away
 * from the tab and status rows (the first and last two rows), which may tick by themselves.
 */
function movingKeys(t: TestTerminal) {
  const body = () => t.styledScreen().slice(1, -2).join("\n");
  return (i: number) => {
    const before = body();
    const key = Math.floor(i / 10) % 2 === 0 ? KEYS.down : KEYS.up;
    return { key, shown: () => body() !== before };
  };
}

/** The paced 200,000-line stream in a plain Python process whose output is drained: the load. */
function pythonStream(): ChildProcess {
  const child = spawn(PYTHON, ["-c", PACED_STREAM_200K[0] as string], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout?.resume();
  return child;
}

async function echoLatencies(): Promise<{ idle: Latencies; streaming: Latencies }> {
  const t = await startTerminal({
    command: process.execPath,
    args: ["--import", "tsx", ECHO_APP],
    cols: COLS,
    rows: ROWS,
    cwd: ROOT,
  });
  try {
    await t.waitForText("echo:", { timeout: 20_000 });
    const idle = await measureKeys(t, SAMPLES, typingKeys(t));
    const load = pythonStream();
    try {
      const streaming = await measureKeys(t, SAMPLES, typingKeys(t));
      return { idle, streaming };
    } finally {
      load.kill();
    }
  } finally {
    await stop(t);
  }
}

interface AppLatencies {
  typing: Latencies;
  moving: Latencies;
}

/**
 * Opens the big notebook beside the stream notebook; `streaming` first starts the 200,000 lines in
 * the second tab and comes back. Then moves (command mode) and types (edit mode) in the first.
 */
async function appLatencies(
  big: string,
  stream: string,
  cwd: string,
  streaming: boolean,
): Promise<AppLatencies> {
  const t = await startOprel([big, stream], cwd);
  try {
    await t.waitForText(FIRST_CELL_TEXT, { timeout: 20_000 });
    if (streaming) {
      t.press(KEYS.nextTab);
      await t.waitForText("range(200_000)", { timeout: 10_000 });
      await t.waitForText(/\bidle\b/, { timeout: 30_000 });
      t.press(KEYS.runInPlace);
      await t.waitForText(/^\s*\d{3,}\s*$/m, { timeout: 30_000 });
      t.press(KEYS.prevTab);
      await t.waitForText(FIRST_CELL_TEXT, { timeout: 10_000 });
    }
    const moving = await measureKeys(t, SAMPLES, movingKeys(t));
    t.press(KEYS.edit);
    const typing = await measureKeys(t, SAMPLES, typingKeys(t));
    return { typing, moving };
  } finally {
    await stop(t);
  }
}

/** Runs `measure`; an app that is not there yet (or fails) gives the reason instead. */
async function attempt<T>(measure: () => Promise<T>): Promise<T | string> {
  if (!existsSync(CLI)) return "not available (run npm run build)";
  try {
    return await measure();
  } catch (error) {
    console.error((error as Error).message);
    const first = (error as Error).message.split("\n")[0] ?? "";
    return `not available (${first.slice(0, 48)})`;
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;
const pair = (l: Latencies) => `${ms(l.p50)} / ${ms(l.p95)}`;

function verdict(ours: number, baseline: number, limit: number): string {
  const times = ours / baseline;
  return `${times.toFixed(2)}x ${times <= limit ? "meets" : "MISSES"} ${limit}x`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-ui-"));
  try {
    const big = writeNotebook(dir, "big.ipynb", THOUSAND_CELLS);
    const stream = writeNotebook(dir, "stream.ipynb", PACED_STREAM_200K);
    console.log(
      `load before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );

    const inkImport = await timeToExit(process.execPath, ["-e", 'import("ink")']);
    const paint = await attempt(() => firstPaint(big, dir));
    if (ONLY_PAINT) {
      console.log(
        `first paint ${typeof paint === "string" ? paint : ms(paint)}, import("ink") ${ms(inkImport)}`,
      );
      return;
    }
    const echo = await echoLatencies();
    const idle = await attempt(() => appLatencies(big, stream, dir, false));
    const streaming = await attempt(() => appLatencies(big, stream, dir, true));

    const rows: string[][] = [
      [
        "first paint, 1,000 cells",
        typeof paint === "string" ? paint : ms(paint),
        `import("ink") ${ms(inkImport)}`,
        typeof paint === "string" ? "" : verdict(paint, inkImport, 1.5),
      ],
    ];
    const cases: [string, AppLatencies | string, keyof AppLatencies, Latencies][] = [
      ["typing, idle", idle, "typing", echo.idle],
      ["moving j/k, idle", idle, "moving", echo.idle],
      ["typing, other notebook streams", streaming, "typing", echo.streaming],
      ["moving j/k, other notebook streams", streaming, "moving", echo.streaming],
    ];
    for (const [name, app, key, baseline] of cases) {
      const ours = typeof app === "string" ? app : app[key];
      rows.push([
        `${name} p50 / p95`,
        typeof ours === "string" ? ours : pair(ours),
        `echo app ${pair(baseline)}`,
        typeof ours === "string" ? "" : verdict(ours.p95, baseline.p95, 2),
      ]);
    }
    console.log();
    printTable(["measure", "oprel", "baseline (same run)", "p95 or time vs baseline"], rows);
    console.log(
      `\nload after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
