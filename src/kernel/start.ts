// Waiting for a new worker's `ready`, and the error a user sees when it never comes: it carries
// what the worker printed (a traceback, a broken venv's complaint), not a generic message.

import { OprelError } from "../errors.js";
import { describeExit } from "./death.js";
import { limitTimer } from "./limit-timer.js";
import type { ReadyMessage } from "./protocol.js";
import type { WorkerProcess } from "./worker-process.js";

export type StartOutcome =
  | { kind: "ready"; message: ReadyMessage }
  | { kind: "exited" | "timeout"; why: string };

export async function waitForReady(
  worker: WorkerProcess,
  ready: Promise<ReadyMessage>,
  timeoutMs: number,
): Promise<StartOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race<StartOutcome>([
    ready.then((message) => ({ kind: "ready", message })),
    worker.exited.then((exit) => ({
      kind: "exited",
      why: exit.spawnError ?? describeExit(exit.exitCode, exit.signal),
    })),
    new Promise<StartOutcome>((resolve) => {
      timer = limitTimer(
        () =>
          resolve({ kind: "timeout", why: `it did not report ready within ${timeoutMs / 1000} s` }),
        timeoutMs,
      );
    }),
  ]);
  clearTimeout(timer);
  return outcome;
}

const SHOWN_LINES = 40;

/** "; it printed:" and the last lines a process printed, indented: the end of a start failure. */
export function printedTail(printed: string): string {
  const lines = printed.trimEnd().split("\n");
  const shown = lines.slice(-SHOWN_LINES).map((line) => `  ${line}`);
  if (lines.length > SHOWN_LINES) shown.unshift("  ...");
  return printed.trim() ? `; it printed:\n${shown.join("\n")}` : "; it printed nothing.";
}

export function startFailure(python: string, why: string, printed: string): OprelError {
  return new OprelError(
    "KERNEL_START_FAILED",
    `The Python worker could not start with ${python}: ${why}${printedTail(printed)}`,
    `Check that \`${python} -c "print(1)"\` works, or choose another interpreter with --python or OPREL_PYTHON.`,
  );
}
