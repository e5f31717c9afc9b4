import { describe, expect, it } from "vitest";
import type { DeathInfo, Kernel } from "../../../src/kernel/index.js";
import { evaluate, isAlive, run, startKernel, waitUntil } from "./helpers.js";

function deathOf(kernel: Kernel): Promise<{ info: DeathInfo; at: number }> {
  return new Promise((resolve) =>
    kernel.once("dead", (info) => resolve({ info, at: performance.now() })),
  );
}

describe("Kernel deaths", () => {
  it("reports a segfault as a dead kernel on the running cell, and restarts", async () => {
    const kernel = await startKernel();
    const died = deathOf(kernel);
    const { outcome, events } = await run(kernel, "import ctypes\nctypes.string_at(0)");
    expect(outcome.status).toBe("died");
    expect(outcome.error).toMatchObject({
      ename: "DeadKernelError",
      evalue: "The kernel died: segmentation fault (SIGSEGV)",
    });
    expect(events.at(-2)).toMatchObject({ type: "error", ename: "DeadKernelError" });
    expect(events.at(-1)).toMatchObject({ type: "done", status: "error" });
    const { info } = await died;
    expect(info).toMatchObject({ signal: "SIGSEGV", reason: "segmentation fault (SIGSEGV)" });
    expect(kernel.state).toBe("dead");

    const later = await run(kernel, "1 + 1");
    expect(later.outcome.status).toBe("died");
    expect(later.outcome.error?.evalue).toContain("segmentation fault (SIGSEGV)");

    await kernel.restart();
    expect(await evaluate(kernel, "1 + 1")).toBe("2");
  });

  it("reports os._exit(1) with its status", async () => {
    const kernel = await startKernel();
    const died = deathOf(kernel);
    const { outcome } = await run(kernel, "import os\nos._exit(1)");
    expect(outcome.status).toBe("died");
    expect(outcome.error?.evalue).toBe("The kernel died: exited with status 1");
    expect((await died).info).toMatchObject({ exitCode: 1, signal: null });
  });

  it("notices a SIGKILL from outside within a second, even while idle", async () => {
    const kernel = await startKernel();
    const died = deathOf(kernel);
    const killedAt = performance.now();
    process.kill(kernel.pid, "SIGKILL");
    const { info, at } = await died;
    expect(at - killedAt).toBeLessThan(1000);
    expect(info).toMatchObject({
      signal: "SIGKILL",
      reason: "killed (SIGKILL), possibly out of memory",
    });
  });

  it("ends a running cell when its worker is killed from outside", async () => {
    const kernel = await startKernel();
    const pending = run(kernel, "import time\nprint('start', flush=True)\ntime.sleep(30)");
    await waitUntil(() => kernel.state === "busy", 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(kernel.pid, "SIGKILL");
    const { outcome, stdout } = await pending;
    expect(outcome.status).toBe("died");
    expect(outcome.error?.evalue).toBe("The kernel died: killed (SIGKILL), possibly out of memory");
    expect(stdout).toBe("start\n");
    expect(outcome.durationMs).toBeLessThan(10_000);
  });

  it("kills the commands a dead worker left running in its process group", async () => {
    const kernel = await startKernel();
    const { stdout } = await run(
      kernel,
      "import subprocess\np = subprocess.Popen(['sleep', '60'])\nprint(p.pid)",
    );
    const child = Number(stdout.trim());
    expect(isAlive(child)).toBe(true);
    const died = deathOf(kernel);
    process.kill(kernel.pid, "SIGKILL");
    await died;
    expect(await waitUntil(() => !isAlive(child), 2000)).toBe(true);
  });

  it("gives a cell that exceeds the memory limit a MemoryError, not a dead kernel", async () => {
    const kernel = await startKernel({ memoryLimitBytes: 1024 ** 3 });
    const { outcome } = await run(kernel, "block = bytearray(4 * 1024 ** 3)");
    expect(outcome.status).toBe("error");
    expect(outcome.error?.ename).toBe("MemoryError");
    expect(kernel.state).toBe("idle");
    expect(await evaluate(kernel, "len(bytearray(10 * 1024 ** 2))")).toBe("10485760");
  });
});
