import { describe, expect, it } from "vitest";
import { evaluate, isAlive, run, startKernel, waitUntil } from "./helpers.js";

describe("Kernel life cycle", () => {
  it("a restart during a running cell ends that cell and leaves a working kernel", async () => {
    const kernel = await startKernel();
    const dead: unknown[] = [];
    kernel.on("dead", (info) => dead.push(info));
    const pending = run(kernel, "import time\ntime.sleep(30)");
    await waitUntil(() => kernel.state === "busy", 5000);
    await kernel.restart();
    const { outcome, events } = await pending;
    expect(outcome.status).toBe("died");
    expect(outcome.error?.evalue).toBe("The kernel was restarted.");
    expect(events.at(-1)).toMatchObject({ type: "done" });
    expect(dead).toEqual([]);
    expect(await evaluate(kernel, "'fresh' if 'time' not in globals() else 'stale'")).toBe(
      "'fresh'",
    );
  });

  it("runs a cell queued during a restart on the new worker", async () => {
    const kernel = await startKernel();
    await run(kernel, "before = 1");
    const restarting = kernel.restart();
    const queued = run(kernel, "'before' in globals()");
    await restarting;
    const { outcome, events } = await queued;
    expect(outcome).toMatchObject({ status: "ok", executionCount: 1 });
    expect(events.find((event) => event.type === "result")).toMatchObject({
      data: { "text/plain": "False" },
    });
  });

  it("kills a worker that does not answer the shutdown request after the grace period", async () => {
    const kernel = await startKernel({ killGraceMs: 300 });
    const pid = kernel.pid;
    process.kill(pid, "SIGSTOP");
    await kernel.shutdown();
    expect(kernel.state).toBe("shutdown");
    expect(isAlive(pid)).toBe(false);
  });

  it("stops the commands a worker started when it shuts down", async () => {
    const kernel = await startKernel();
    const { stdout } = await run(
      kernel,
      "import subprocess\nchild = subprocess.Popen(['sleep', '60'])\nprint(child.pid)",
    );
    const child = Number(stdout.trim());
    expect(isAlive(child)).toBe(true);
    await kernel.shutdown();
    expect(await waitUntil(() => !isAlive(child), 1000)).toBe(true);
  });

  it("runs silent code without counting it", async () => {
    const kernel = await startKernel();
    const silent = await run(kernel, "hidden = 3\nhidden", { silent: true });
    expect(silent.outcome.status).toBe("ok");
    expect(silent.events.some((event) => event.type === "result")).toBe(false);
    const { outcome } = await run(kernel, "hidden + 1");
    expect(outcome.executionCount).toBe(1);
  });
});
