// The worker's side of docs/protocol.md, driven directly over fd 3 without the Kernel class:
// ready, shutdown, end of file on the channel, bad input, the memory limit.

import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { workerScriptPath } from "../../../src/kernel/package-root.js";
import { errorOf, ok, run, startKernel } from "../worker-magics/helpers.js";

interface Worker {
  child: ChildProcess;
  channel: Duplex;
  messages: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
  /** The channel delivered everything and closed. */
  closed: Promise<void>;
}

const workers: Worker[] = [];
afterEach(() => {
  for (const worker of workers.splice(0)) worker.child.kill("SIGKILL");
});

function spawnWorker(env: Record<string, string> = {}, script = workerScriptPath()): Worker {
  const child = spawn("python3", ["-X", "utf8", "-u", script], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    detached: true,
  });
  const channel = child.stdio[3] as Duplex;
  const messages: Record<string, unknown>[] = [];
  let partial = "";
  channel.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) messages.push(JSON.parse(line) as Record<string, unknown>);
  });
  channel.on("error", () => undefined);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const closed = new Promise<void>((resolve) => channel.once("close", () => resolve()));
  const worker = { child, channel, messages, stderr: () => stderr, exited, closed };
  workers.push(worker);
  return worker;
}

async function waitFor(worker: Worker, test: (message: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = worker.messages.find(test);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no such message; got ${JSON.stringify(worker.messages)}\n${worker.stderr()}`);
}

function send(worker: Worker, message: object | string): void {
  worker.channel.write(`${typeof message === "string" ? message : JSON.stringify(message)}\n`);
}

describe("worker protocol", () => {
  it("says ready first, with the protocol version, pid, version and executable", async () => {
    const worker = spawnWorker();
    const ready = await waitFor(worker, (message) => message.type === "ready");
    expect(worker.messages[0]).toBe(ready);
    expect(ready).toEqual({
      type: "ready",
      protocol: 1,
      pid: worker.child.pid,
      python: expect.stringMatching(/^3\.\d+\.\d+$/),
      executable: expect.stringMatching(/python/),
    });
  });

  it("exits at once when the channel closes, even while a cell loops forever", async () => {
    const worker = spawnWorker();
    await waitFor(worker, (message) => message.type === "ready");
    send(worker, { type: "execute", id: "loop", code: "while True:\n    pass" });
    await waitFor(worker, (message) => message.type === "status");
    const closed = performance.now();
    worker.channel.destroy();
    const code = await worker.exited;
    expect(code).toBe(0);
    expect(performance.now() - closed).toBeLessThan(1000);
  });

  it("replies to shutdown, then exits with status 0 and runs atexit handlers", async () => {
    const worker = spawnWorker();
    await waitFor(worker, (message) => message.type === "ready");
    send(worker, {
      type: "execute",
      id: "a",
      code: "import atexit, os\natexit.register(print, 'atexit ran')\natexit.register(os.system, 'echo atexit child')",
    });
    await waitFor(worker, (message) => message.type === "done");
    send(worker, { type: "shutdown", id: "bye" });
    expect(await waitFor(worker, (message) => message.type === "reply")).toEqual({
      type: "reply",
      id: "bye",
      content: {},
    });
    expect(await worker.exited).toBe(0);
    await worker.closed;
    const printed = worker.messages.map((message) =>
      message.type === "stream" ? message.text : "",
    );
    expect(printed.join("")).toBe("atexit child\natexit ran\n");
  });

  it("survives unreadable lines and answers unknown requests with an error", async () => {
    const worker = spawnWorker();
    await waitFor(worker, (message) => message.type === "ready");
    send(worker, "this is not json");
    send(worker, { type: "frobnicate", id: "q1" });
    expect(await waitFor(worker, (message) => message.id === "q1")).toEqual({
      type: "reply",
      id: "q1",
      content: { error: "unknown request type 'frobnicate'" },
    });
    expect(worker.messages.some((message) => message.type === "log")).toBe(true);
    send(worker, { type: "execute", id: "x", code: "6 * 7" });
    expect(await waitFor(worker, (message) => message.type === "result")).toMatchObject({
      id: "x",
      data: { "text/plain": "42" },
    });
  });

  it("refuses to start with a malformed memory limit, saying why on stderr", async () => {
    const worker = spawnWorker({ OPREL_MEMORY_LIMIT: "lots" });
    expect(await worker.exited).toBe(2);
    expect(worker.stderr()).toContain(
      "OPREL_MEMORY_LIMIT must be a positive number of bytes, not 'lots'",
    );
    expect(worker.messages).toEqual([]);
  });

  it("applies the memory limit to itself: a huge allocation is a MemoryError, the worker lives on", async () => {
    const kernel = await startKernel({ memoryLimitBytes: 400 * 1024 * 1024 });
    const cell = await run(kernel, "big = bytearray(1024 * 1024 * 1024)");
    expect(errorOf(cell)?.ename).toBe("MemoryError");
    const limit = await ok(kernel, "import resource\nresource.getrlimit(resource.RLIMIT_AS)[0]");
    expect(limit.events.find((event) => event.type === "result")).toMatchObject({
      data: { "text/plain": String(400 * 1024 * 1024) },
    });
  });

  it("works without oprel_magics: plain Python runs, IPython syntax is a SyntaxError", async () => {
    const folder = mkdtempSync(join(tmpdir(), "oprel-core-only-"));
    try {
      const core = [
        "worker",
        "channel",
        "capture",
        "execute",
        "display",
        "traceback",
        "introspect",
      ];
      for (const name of core)
        copyFileSync(
          join(dirname(workerScriptPath()), `oprel_${name}.py`),
          join(folder, `oprel_${name}.py`),
        );
      const worker = spawnWorker({}, join(folder, "oprel_worker.py"));
      await waitFor(worker, (message) => message.type === "ready");
      send(worker, { type: "execute", id: "a", code: "6 * 7" });
      expect(await waitFor(worker, (message) => message.type === "result")).toMatchObject({
        data: { "text/plain": "42" },
      });
      send(worker, { type: "execute", id: "b", code: "!ls" });
      expect(await waitFor(worker, (message) => message.type === "error")).toMatchObject({
        id: "b",
        ename: "SyntaxError",
      });
      expect(worker.messages.some((message) => message.type === "log")).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
