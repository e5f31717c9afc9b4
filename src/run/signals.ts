// The signals that stop a run: SIGINT, SIGTERM, and SIGHUP (the terminal hung up). Each stops the
// run the same way: running cells are interrupted, what ran is saved, every worker is stopped.
// Under nohup the user asked to outlive the terminal, so a hang-up ignored at start stays ignored.

import { readFileSync } from "node:fs";

export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/** Calls `handler` for each stop signal; returns the function that stops listening. */
export function onStopSignals(handler: (signal: StopSignal) => void): () => void {
  const signals: StopSignal[] = ["SIGINT", "SIGTERM"];
  if (!hangupIgnored()) signals.push("SIGHUP");
  const listeners = signals.map((signal) => [signal, () => handler(signal)] as const);
  for (const [signal, listener] of listeners) process.on(signal, listener);
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}

/** Whether SIGHUP was ignored when oprel started (nohup); Linux says so in /proc. */
function hangupIgnored(): boolean {
  try {
    const mask = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & 1n) === 1n;
  } catch {
    return false;
  }
}
