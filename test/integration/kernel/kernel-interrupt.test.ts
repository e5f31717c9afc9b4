import { describe, expect, it } from "vitest";
import { evaluate, run, startKernel, waitUntil } from "./helpers.js";

describe("Kernel interrupt and timeouts", () => {
  it("interrupts an infinite loop in under a second", async () => {
    const kernel = await startKernel();
    const pending = run(kernel, "n = 0\nwhile True:\n    n += 1");
    await waitUntil(() => kernel.state === "busy", 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const interruptedAt = performance.now();
    kernel.interrupt();
    const { outcome } = await pending;
    expect(performance.now() - interruptedAt).toBeLessThan(1000);
    expect(outcome.status).toBe("error");
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
    expect(kernel.state).toBe("idle");
    expect(Number(await evaluate(kernel, "n"))).toBeGreaterThan(0);
  });

  it("interrupts a cell whose interrupt arrives while the worker still compiles it", async () => {
    const kernel = await startKernel();
    // 100,000 lines to compile first: the SIGINT lands before the cell's code can be interrupted.
    const slowToCompile = `${"x = 1\n".repeat(100_000)}while True:\n    pass`;
    const pending = run(kernel, slowToCompile);
    await waitUntil(() => kernel.state === "busy", 5000);
    kernel.interrupt();
    const { outcome } = await pending;
    expect(outcome.status).toBe("error");
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
    expect(await evaluate(kernel, "6 * 7")).toBe("42");
  });

  it("ignores an interrupt while idle", async () => {
    const kernel = await startKernel();
    kernel.interrupt();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kernel.state).toBe("idle");
    expect(await evaluate(kernel, "6 * 7")).toBe("42");
  });

  it("times a cell out with an interrupt and keeps the kernel", async () => {
    const kernel = await startKernel({ killGraceMs: 5000 });
    await run(kernel, "kept = 'yes'");
    const { outcome, events } = await run(kernel, "import time\ntime.sleep(30)", {
      timeoutMs: 300,
    });
    expect(outcome.status).toBe("timeout");
    expect(outcome.error).toMatchObject({
      ename: "CellTimeoutError",
      evalue: "Cell execution timed out after 0.3 seconds",
    });
    const errors = events.filter((event) => event.type === "error");
    expect(errors).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "done", status: "error" });
    expect(kernel.state).toBe("idle");
    expect(await evaluate(kernel, "kept")).toBe("'yes'");
  });

  it("uses the kernel's cellTimeoutMs when the call gives none", async () => {
    const kernel = await startKernel({ cellTimeoutMs: 1000 });
    const { outcome } = await run(kernel, "import time\ntime.sleep(30)");
    expect(outcome.status).toBe("timeout");
    expect(outcome.error?.evalue).toBe("Cell execution timed out after 1 second");
  });

  it("kills a cell that ignores SIGINT after the grace period; the kernel is dead until restart", async () => {
    const kernel = await startKernel({ killGraceMs: 500 });
    const died = new Promise((resolve) => kernel.once("dead", resolve));
    const { outcome, events } = await run(
      kernel,
      "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(30)",
      { timeoutMs: 300 },
    );
    expect(outcome.status).toBe("timeout");
    expect(outcome.durationMs).toBeLessThan(5000);
    expect(outcome.error?.ename).toBe("CellTimeoutError");
    expect(events.filter((event) => event.type === "error")).toHaveLength(1);
    expect(await died).toMatchObject({ signal: "SIGKILL" });
    expect(kernel.state).toBe("dead");
    expect((await run(kernel, "1")).outcome.status).toBe("died");
    await kernel.restart();
    expect(await evaluate(kernel, "1 + 1")).toBe("2");
  });
});
