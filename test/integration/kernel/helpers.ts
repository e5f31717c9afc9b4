// Shared by the kernel and queue integration tests: real workers, shut down after each test.

import { readFileSync } from "node:fs";
import { afterEach, expect } from "vitest";
import {
  type ExecuteOptions,
  type ExecuteOutcome,
  Kernel,
  type KernelEvent,
  type KernelOptions,
  type NotebookKernel,
} from "../../../src/kernel/index.js";

const started: Kernel[] = [];

/** Starts a kernel that is shut down after the current test. */
export async function startKernel(options: Partial<KernelOptions> = {}): Promise<Kernel> {
  const kernel = await Kernel.start({ cwd: process.cwd(), ...options });
  started.push(kernel);
  return kernel;
}

afterEach(async () => {
  const kernels = started.splice(0);
  await Promise.all(kernels.map((kernel) => kernel.shutdown()));
});

export interface Run {
  outcome: ExecuteOutcome;
  events: KernelEvent[];
  stdout: string;
}

export async function run(
  kernel: NotebookKernel,
  code: string,
  options?: ExecuteOptions,
): Promise<Run> {
  const events: KernelEvent[] = [];
  const outcome = await kernel.execute(code, (event) => events.push(event), options);
  const stdout = events
    .map((event) => (event.type === "stream" && event.name === "stdout" ? event.text : ""))
    .join("");
  return { outcome, events, stdout };
}

/** The text/plain of the cell's result, or undefined. */
export async function evaluate(
  kernel: NotebookKernel,
  expression: string,
): Promise<string | undefined> {
  const { events } = await run(kernel, expression);
  const result = events.find((event) => event.type === "result");
  return result?.type === "result" ? String(result.data["text/plain"]) : undefined;
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state letter follows the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/** An ipykernel's input() answered with "Ada", and `os.pa` completed to `path`. */
export async function expectInputAndCompletion(kernel: NotebookKernel): Promise<void> {
  const events: KernelEvent[] = [];
  const outcome = await kernel.execute(
    "name = input('who? ')\nprint('hello', name)",
    (event) => {
      events.push(event);
      if (event.type === "stdin_request") kernel.answerInput(event.id, "Ada");
    },
    { allowStdin: true },
  );
  expect(outcome.status).toBe("ok");
  expect(events).toContainEqual(
    expect.objectContaining({ type: "stdin_request", prompt: "who? " }),
  );
  expect(events).toContainEqual(expect.objectContaining({ type: "stream", text: "hello Ada\n" }));
  const completion = await kernel.complete("import os\nos.pa", 15);
  expect(completion.matches).toContain("path");
  expect(completion.cursor_start).toBe(13);
}
