// The assistant in the terminal UI: does a streaming reply or an open review slow the keys down?
// The real `oprel` on a 1,000-cell notebook in a real pseudo-terminal (the e2e harness), against
// the fake OpenAI server (test/support/fake-openai.ts) streaming a long reply, then ten edits.
// Keystroke-to-screen latency, p50/p95, beside the same app's j/k in command mode measured in the
// same run before the assistant starts:
//   - Shift+T (auto-run on/off, shown in the assistant's header) while the reply streams;
//   - j/k between the proposals of the review (the view follows each one to its cell).
// Target: p95 within 2x of the baseline. Run: npm run bench:assistant. Results: docs/benchmarks.md.

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTerminal, type TestTerminal } from "../test/e2e/harness.js";
import { finish, reply, startFakeOpenAI, text, toolCalls } from "../test/support/fake-openai.js";
import { type Latencies, measureKeys } from "./key-latency.js";
import { FIRST_CELL_TEXT, THOUSAND_CELLS, writeNotebook } from "./notebooks/generate.js";
import { printTable } from "./stats.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = process.env.BENCH_CLI ?? join(ROOT, "dist/bin/oprel.js");
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 120);
/** The reply: this many deltas, one every DELTA_MS, so it outlasts the measurement under it. */
const DELTAS = 2000;
const DELTA_MS = 10;
const PROPOSALS = 10;

/** `run` keys down then `run` keys up, and again; each press changes what `watch` reads. */
function backAndForth(run: number, watch: () => string) {
  return (i: number) => {
    const before = watch();
    const key = Math.floor(i / run) % 2 === 0 ? "j" : "k";
    return { key, shown: () => watch() !== before };
  };
}

function script() {
  const words = Array.from({ length: DELTAS }, (_, i) => `word${i} `).join("");
  const edits = Array.from({ length: PROPOSALS }, (_, i): [string, unknown] => [
    "edit_cell",
    { cell_id: `bench-${(i + 1) * 90}`, source: `edited_${i} = ${i}`, why: `edit ${i}` },
  ]);
  return [
    reply.stream([text(words, DELTAS), toolCalls(edits), finish("tool_calls")], {
      delayMs: DELTA_MS,
    }),
    reply.text("Done."),
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oprel-bench-assistant-"));
  const server = await startFakeOpenAI(script());
  let t: TestTerminal | undefined;
  try {
    const big = writeNotebook(dir, "big.ipynb", THOUSAND_CELLS);
    console.log(
      `load before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    t = await startTerminal({
      command: process.execPath,
      args: [CLI, big],
      cols: 100,
      rows: 30,
      cwd: dir,
      keyboard: "kitty",
      env: { OPENAI_BASE_URL: server.url, OPREL_MODEL: "fake", XDG_CONFIG_HOME: dir },
    });
    const term = t;
    await term.waitForText(FIRST_CELL_TEXT, { timeout: 20_000 });
    await term.waitForText(/\bidle\b/, { timeout: 30_000 });
    const body = () => term.styledScreen().slice(1, -2).join("\n");
    const baseline = await measureKeys(term, SAMPLES, backAndForth(10, body));

    term.press("shift+a");
    await term.waitForText("Ask the assistant");
    term.type("edit ten cells");
    term.press("enter");
    await term.waitForText("word3", { timeout: 10_000 });
    const header = () => term.text().match(/Assistant.*$/m)?.[0] ?? "";
    // An even number of presses leaves auto-run off, so the review still asks.
    const streaming = await measureKeys(term, SAMPLES, () => {
      const before = header();
      return { key: "shift+t", shown: () => header() !== before };
    });
    const stillStreaming = !/proposal \d/.test(term.text());

    await term.waitForText(`proposal 1/${PROPOSALS}`, { timeout: 120_000 });
    const reviewing = await measureKeys(term, SAMPLES, backAndForth(PROPOSALS - 1, header));
    term.press("escape");

    const ms = (value: number) => `${Math.round(value)} ms`;
    const pair = (l: Latencies) => `${ms(l.p50)} / ${ms(l.p95)}`;
    const verdict = (l: Latencies) => {
      const times = l.p95 / baseline.p95;
      return `${times.toFixed(2)}x ${times <= 2 ? "meets" : "MISSES"} 2x`;
    };
    console.log();
    printTable(
      ["measure (p50 / p95)", "oprel", "p95 vs j/k in command mode"],
      [
        ["j/k in command mode, idle (baseline)", pair(baseline), ""],
        [
          `Shift+T while the reply streams (${Math.round(1000 / DELTA_MS)} deltas/s)${stillStreaming ? "" : " [stream ended early]"}`,
          pair(streaming),
          verdict(streaming),
        ],
        [`j/k between ${PROPOSALS} proposals in review`, pair(reviewing), verdict(reviewing)],
      ],
    );
    console.log(
      `\nload after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    if (t) {
      t.kill("SIGTERM");
      await t.exit({ timeout: 10_000 }).catch(() => undefined);
      await t.dispose();
    }
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
