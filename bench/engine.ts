// Engine benchmark: oprel's worker against Jupyter (jupyter_client driving ipykernel), same machine, same
// interpreter, interleaved rounds. Run: npm run bench:engine  (needs Debian's python3-ipykernel).
// Prints spawn-to-ready, the round trip of `1+1`, and the time to stream 100,000 printed lines.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Kernel } from "../src/kernel/index.js";
import { median, percentile, printTable, ratio } from "./stats.js";

const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SPAWNS_PER_ROUND = 3;
const ROUNDTRIPS = 200;
const STREAM_LINES = 100_000;
const jupyterScript = fileURLToPath(new URL("./jupyter_engine.py", import.meta.url));

interface Figures {
  readyMs: number[];
  roundtripMs: number[];
  streamMs: number[];
}

async function runUntilDone(kernel: Kernel, code: string): Promise<void> {
  const outcome = await kernel.execute(code, () => {});
  if (outcome.status !== "ok") throw new Error(`benchmark cell failed: ${outcome.error?.evalue}`);
}

async function oprelRound(into: Figures): Promise<void> {
  for (let i = 0; i < SPAWNS_PER_ROUND; i++) {
    const t0 = performance.now();
    const kernel = await Kernel.start({ cwd: process.cwd(), python: PYTHON });
    into.readyMs.push(performance.now() - t0);
    await kernel.shutdown();
  }
  const kernel = await Kernel.start({ cwd: process.cwd(), python: PYTHON });
  await runUntilDone(kernel, "1+1");
  for (let i = 0; i < ROUNDTRIPS; i++) {
    const t0 = performance.now();
    await runUntilDone(kernel, "1+1");
    into.roundtripMs.push(performance.now() - t0);
  }
  let received = 0;
  const t0 = performance.now();
  const outcome = await kernel.execute(`for i in range(${STREAM_LINES}):\n    print(i)`, (e) => {
    if (e.type === "stream") received += e.text.length;
  });
  into.streamMs.push(performance.now() - t0);
  if (outcome.status !== "ok" || received < STREAM_LINES)
    throw new Error("streaming cell lost output");
  await kernel.shutdown();
}

function jupyterRound(into: Figures): void {
  const out = execFileSync(
    PYTHON,
    [jupyterScript, String(SPAWNS_PER_ROUND), String(ROUNDTRIPS), String(STREAM_LINES)],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    },
  );
  const figures = JSON.parse(out.trim().split("\n").pop() ?? "{}");
  into.readyMs.push(...figures.ready_ms);
  into.roundtripMs.push(...figures.roundtrip_ms);
  into.streamMs.push(figures.stream_ms);
}

async function main(): Promise<void> {
  const oprel: Figures = { readyMs: [], roundtripMs: [], streamMs: [] };
  const jupyter: Figures = { readyMs: [], roundtripMs: [], streamMs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    await oprelRound(oprel);
    jupyterRound(jupyter);
  }
  const rows: [string, number, number][] = [
    ["spawn to ready, median (ms)", median(oprel.readyMs), median(jupyter.readyMs)],
    ["round trip of 1+1, median (ms)", median(oprel.roundtripMs), median(jupyter.roundtripMs)],
    [
      "round trip of 1+1, p95 (ms)",
      percentile(oprel.roundtripMs, 95),
      percentile(jupyter.roundtripMs, 95),
    ],
    [`stream ${STREAM_LINES} lines, median (ms)`, median(oprel.streamMs), median(jupyter.streamMs)],
  ];
  console.log(`Engine benchmark: ${PYTHON}, ${ROUNDS} interleaved rounds`);
  printTable(
    ["measure", "oprel", "Jupyter", "Jupyter / oprel"],
    rows.map(([name, o, j]) => [name, o.toFixed(2), j.toFixed(2), ratio(j, o)]),
  );
}

await main();
