// Keystroke-to-screen latency through the pty harness, shared by the UI benchmarks.

import type { TestTerminal } from "../test/e2e/harness.js";
import { percentile } from "./stats.js";

export interface Latencies {
  p50: number;
  p95: number;
}

/** Pause between keystrokes: a fast typist's pace, so each key meets a settled app. */
const THINK_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Presses a key `samples` times; each sample is the time from the write to the pty until `shown`
 * holds on the emulated screen.
 */
export async function measureKeys(
  t: TestTerminal,
  samples: number,
  step: (i: number) => { key: string; shown: () => boolean },
): Promise<Latencies> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { key, shown } = step(i);
    const started = performance.now();
    t.press(key);
    await t.waitFor(shown, `the screen after key ${i} (${key})`, { timeout: 10_000 });
    times.push(performance.now() - started);
    await sleep(THINK_MS);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
