import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel/index.js";
import { ExecutionQueue, type QueueEvent } from "../../../src/queue/index.js";
import { evaluate, startKernel, waitUntil } from "../kernel/helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "oprel-queue-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function setUp(...notebookIds: string[]) {
  const queue = new ExecutionQueue();
  const events: QueueEvent[] = [];
  queue.on("event", (event) => events.push(event));
  const kernels: Record<string, Kernel> = {};
  for (const id of notebookIds) {
    kernels[id] = await startKernel({ cwd: scratch });
    queue.addNotebook(id, kernels[id]);
  }
  const done = (entryId: string) =>
    events.find((event) => event.type === "done" && event.entryId === entryId);
  const stdout = (entryId: string) =>
    events
      .map((event) =>
        event.type === "output" && event.entryId === entryId && event.event.type === "stream"
          ? event.event.text
          : "",
      )
      .join("");
  return { queue, events, kernels, done, stdout };
}

describe("ExecutionQueue", () => {
  it("runs a notebook's cells in FIFO order with a full event sequence", async () => {
    const { queue, events } = await setUp("a");
    const ids = ["c1", "c2", "c3"].map((cellId, index) =>
      queue.enqueue({ notebookId: "a", cellId, code: `print(${index})` }),
    );
    expect(queue.running("a")).toBe(ids[0]);
    expect(queue.pending("a")).toEqual(ids.slice(1));
    await queue.whenIdle("a");
    const queued = events.filter((event) => event.type === "queued");
    expect(queued.map((event) => [event.cellId, event.position])).toEqual([
      ["c1", 0],
      ["c2", 1],
      ["c3", 2],
    ]);
    const timeline = events
      .filter((event) => event.type !== "queued")
      .map((event) =>
        event.type === "output"
          ? `${event.cellId}:${event.event.type}`
          : `${event.cellId}:${event.type}`,
      )
      // Stream text may come in several events; one line per kind is enough here.
      .filter((entry, index, all) => entry !== all[index - 1]);
    expect(timeline).toEqual([
      "c1:running",
      "c1:status",
      "c1:stream",
      "c1:done",
      "c2:running",
      "c2:status",
      "c2:stream",
      "c2:done",
      "c3:running",
      "c3:status",
      "c3:stream",
      "c3:done",
    ]);
    const dones = events.filter((event) => event.type === "done");
    expect(dones.map((event) => [event.status, event.executionCount])).toEqual([
      ["ok", 1],
      ["ok", 2],
      ["ok", 3],
    ]);
    const running = events.find((event) => event.type === "running");
    expect(running?.type === "running" && Math.abs(running.startedAt - Date.now()) < 60_000).toBe(
      true,
    );
  });

  it("runs different notebooks in parallel", async () => {
    const { queue, done } = await setUp("a", "b");
    const flag = join(scratch, "flag-from-b");
    // A waits for a file only B creates: this finishes only if both cells run at the same time.
    const waiting = queue.enqueue({
      notebookId: "a",
      cellId: "wait",
      code: `import os, time\nwhile not os.path.exists(${JSON.stringify(flag)}):\n    time.sleep(0.01)`,
      timeoutMs: 10_000,
    });
    const creating = queue.enqueue({
      notebookId: "b",
      cellId: "create",
      code: `import time\ntime.sleep(0.2)\nopen(${JSON.stringify(flag)}, "w").close()`,
    });
    await queue.whenIdle();
    expect(done(waiting)).toMatchObject({ status: "ok" });
    expect(done(creating)).toMatchObject({ status: "ok" });
  });

  it("cancels a queued entry, not a running one", async () => {
    const { queue, done, events } = await setUp("a");
    const first = queue.enqueue({
      notebookId: "a",
      cellId: "c1",
      code: "import time; time.sleep(0.3)",
    });
    const second = queue.enqueue({ notebookId: "a", cellId: "c2", code: "print('second')" });
    const third = queue.enqueue({ notebookId: "a", cellId: "c3", code: "print('third')" });
    expect(queue.cancel(second)).toBe(true);
    expect(queue.cancel(second)).toBe(false);
    expect(queue.cancel(first)).toBe(false);
    expect(queue.pending("a")).toEqual([third]);
    await queue.whenIdle("a");
    expect(done(first)).toMatchObject({ status: "ok" });
    expect(done(second)).toMatchObject({ status: "cancelled", reason: "user" });
    expect(done(third)).toMatchObject({ status: "ok" });
    expect(events.some((event) => event.type === "running" && event.entryId === second)).toBe(
      false,
    );
  });

  it("interrupt stops the running cell and drops the notebook's pending cells", async () => {
    const { queue, done, kernels } = await setUp("a");
    const looping = queue.enqueue({
      notebookId: "a",
      cellId: "loop",
      code: "while True:\n    pass",
    });
    const next = [1, 2].map((n) =>
      queue.enqueue({ notebookId: "a", cellId: `n${n}`, code: "ran = True" }),
    );
    await waitUntil(() => kernels.a?.state === "busy", 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    queue.interrupt("a");
    await queue.whenIdle("a");
    expect(done(looping)).toMatchObject({ status: "error", reason: "interrupt" });
    expect(done(looping)).toMatchObject({ error: { ename: "KeyboardInterrupt" } });
    for (const id of next)
      expect(done(id)).toMatchObject({ status: "cancelled", reason: "interrupt" });
    expect(await evaluate(kernels.a as Kernel, "'ran' in globals()")).toBe("False");
  });

  it("an error drops the rest of that notebook's queue, unless asked to continue", async () => {
    const { queue, done } = await setUp("a", "b");
    const failing = queue.enqueue({
      notebookId: "a",
      cellId: "bad",
      code: "raise ValueError('no')",
    });
    const dropped = queue.enqueue({ notebookId: "a", cellId: "after", code: "1" });
    const tolerant = queue.enqueue({
      notebookId: "b",
      cellId: "bad",
      code: "raise ValueError('no')",
      continueOnError: true,
    });
    const kept = queue.enqueue({ notebookId: "b", cellId: "after", code: "1" });
    await queue.whenIdle();
    expect(done(failing)).toMatchObject({
      status: "error",
      error: { ename: "ValueError", evalue: "no" },
    });
    expect(done(dropped)).toMatchObject({ status: "cancelled", reason: "previous-error" });
    expect(done(tolerant)).toMatchObject({ status: "error" });
    expect(done(kept)).toMatchObject({ status: "ok", executionCount: 2 });
  });

  it("a segfault in one notebook fails its queue while another keeps running and keeps its variables", async () => {
    const { queue, done, stdout, kernels } = await setUp("a", "b");
    queue.enqueue({ notebookId: "b", cellId: "set", code: "x = 41" });
    await queue.whenIdle("b");
    const slow = queue.enqueue({
      notebookId: "b",
      cellId: "slow",
      code: "import time\nfor i in range(5):\n    time.sleep(0.1)\nprint('b finished', x)",
    });
    const crash = queue.enqueue({
      notebookId: "a",
      cellId: "crash",
      code: "import ctypes; ctypes.string_at(0)",
    });
    const orphaned = queue.enqueue({ notebookId: "a", cellId: "after", code: "1" });
    await queue.whenIdle();
    expect(done(crash)).toMatchObject({
      status: "died",
      reason: "kernel-died",
      error: { ename: "DeadKernelError", evalue: "The kernel died: segmentation fault (SIGSEGV)" },
    });
    expect(done(orphaned)).toMatchObject({ status: "cancelled", reason: "kernel-died" });
    expect(done(slow)).toMatchObject({ status: "ok" });
    expect(stdout(slow)).toBe("b finished 41\n");
    const check = queue.enqueue({ notebookId: "b", cellId: "check", code: "print(x + 1)" });
    await queue.whenIdle("b");
    expect(stdout(check)).toBe("42\n");

    await kernels.a?.restart();
    const revived = queue.enqueue({ notebookId: "a", cellId: "revived", code: "print('back')" });
    await queue.whenIdle("a");
    expect(stdout(revived)).toBe("back\n");
  });

  it("passes the cell timeout on, and a timeout stops the notebook's queue", async () => {
    const { queue, done } = await setUp("a");
    const slow = queue.enqueue({
      notebookId: "a",
      cellId: "slow",
      code: "import time\ntime.sleep(30)",
      timeoutMs: 300,
    });
    const after = queue.enqueue({ notebookId: "a", cellId: "after", code: "1" });
    await queue.whenIdle("a");
    expect(done(slow)).toMatchObject({ status: "timeout", error: { ename: "CellTimeoutError" } });
    expect(done(after)).toMatchObject({ status: "cancelled", reason: "previous-error" });
  });

  it("removing a notebook cancels its waiting cells and lets the running one finish", async () => {
    const { queue, done } = await setUp("a");
    const running = queue.enqueue({
      notebookId: "a",
      cellId: "r",
      code: "import time; time.sleep(0.2)",
    });
    const waiting = queue.enqueue({ notebookId: "a", cellId: "w", code: "1" });
    queue.removeNotebook("a");
    expect(done(waiting)).toMatchObject({ status: "cancelled", reason: "user" });
    await queue.whenIdle();
    await waitUntil(() => done(running) !== undefined, 5000);
    expect(done(running)).toMatchObject({ status: "ok" });
    expect(() => queue.pending("a")).toThrow(/not in the queue/);
  });

  it("whenIdle resolves at once for an idle notebook and after the last cell otherwise", async () => {
    const { queue, done } = await setUp("a");
    await queue.whenIdle("a");
    const id = queue.enqueue({
      notebookId: "a",
      cellId: "c",
      code: "import time; time.sleep(0.1)",
    });
    await queue.whenIdle();
    expect(done(id)).toMatchObject({ status: "ok" });
  });

  it("rejects cells for a notebook it does not know", async () => {
    const { queue } = await setUp();
    expect(() => queue.enqueue({ notebookId: "nope", cellId: "c", code: "1" })).toThrow(
      /addNotebook/,
    );
  });
});
