// Real Jupyter kernels over ZeroMQ: Debian's ipykernel (python3) and IRkernel (ir), through the
// same NotebookKernel interface and events as oprel's worker.

import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DeathInfo,
  findKernelSpec,
  JupyterKernel,
  type JupyterKernelOptions,
  type KernelEvent,
} from "../../../src/kernel/index.js";
import { evaluate, expectInputAndCompletion, isAlive, run, waitUntil } from "./helpers.js";

const started: JupyterKernel[] = [];

async function start(
  name: string,
  options: Partial<JupyterKernelOptions> = {},
): Promise<JupyterKernel> {
  const spec = findKernelSpec(name);
  if (!spec) throw new Error(`the ${name} kernelspec is not installed (.ci/run installs it)`);
  const kernel = await JupyterKernel.start(spec, { cwd: process.cwd(), ...options });
  started.push(kernel);
  return kernel;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((kernel) => kernel.shutdown()));
});

const outputs = (events: KernelEvent[]) =>
  events.filter((e) => e.type !== "status").map(({ id: _id, ...rest }) => rest);

// Each test starts ipykernel (twice, with a restart): seconds apiece when the two cores are busy.
describe("a Jupyter kernel: ipykernel", { timeout: 60_000 }, () => {
  it("delivers streams, displays, display updates, clear_output, results and errors in order", async () => {
    const kernel = await start("python3");
    expect(kernel.languageInfo?.name).toBe("python");
    const code = [
      "import sys",
      "from IPython.display import display, clear_output",
      "print('out')",
      "print('err', file=sys.stderr)",
      "h = display('first', display_id='d1')",
      "h.update('second')",
      "clear_output(wait=True)",
      "6 * 7",
    ].join("\n");
    const { outcome, events } = await run(kernel, code);
    expect(outcome).toMatchObject({ status: "ok", executionCount: 1 });
    expect(events[0]).toMatchObject({ type: "status", state: "busy" });
    expect(outputs(events)).toEqual([
      { type: "stream", name: "stdout", text: "out\n" },
      { type: "stream", name: "stderr", text: "err\n" },
      { type: "display", data: { "text/plain": "'first'" }, metadata: {}, display_id: "d1" },
      {
        type: "update_display",
        data: { "text/plain": "'second'" },
        metadata: {},
        display_id: "d1",
      },
      { type: "clear_output", wait: true },
      { type: "result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
      { type: "done", status: "ok", execution_count: 1 },
    ]);
    const failed = await run(kernel, "1/0");
    expect(failed.outcome).toMatchObject({ status: "error", executionCount: 2 });
    expect(failed.outcome.error?.ename).toBe("ZeroDivisionError");
    expect(failed.events.filter((e) => e.type === "error")).toHaveLength(1);
  });

  it("interrupts a loop with SIGINT, as its kernelspec asks, and keeps the namespace", async () => {
    const kernel = await start("python3");
    await run(kernel, "x = 5");
    const running = run(kernel, "import time\nwhile True: time.sleep(0.01)");
    await new Promise((resolve) => setTimeout(resolve, 500));
    kernel.interrupt();
    const { outcome } = await running;
    expect(outcome.status).toBe("error");
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
    expect(await evaluate(kernel, "x")).toBe("5");
  });

  it("interrupts with interrupt_request on the control channel when the kernelspec says message", async () => {
    const python3 = findKernelSpec("python3");
    if (!python3) throw new Error("the python3 kernelspec is not installed");
    const kernel = await JupyterKernel.start(
      { ...python3, name: "python3-message", interrupt_mode: "message" },
      { cwd: process.cwd() },
    );
    started.push(kernel);
    const running = run(kernel, "import time\nwhile True: time.sleep(0.01)");
    await new Promise((resolve) => setTimeout(resolve, 500));
    kernel.interrupt();
    const { outcome } = await running;
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
  });

  it("times a cell out: interrupt, then the cell error", async () => {
    const kernel = await start("python3");
    const { outcome, events } = await run(kernel, "import time\ntime.sleep(30)", {
      timeoutMs: 500,
    });
    expect(outcome.status).toBe("timeout");
    expect(
      events.filter((e) => e.type === "error").map((e) => e.type === "error" && e.ename),
    ).toEqual(["CellTimeoutError"]);
    expect(await evaluate(kernel, "1 + 1")).toBe("2");
  });

  it("notices a dead kernel within a second: DeadKernelError on the cell, a dead event", async () => {
    const kernel = await start("python3");
    const died = new Promise<DeathInfo>((resolve) => kernel.once("dead", resolve));
    const startedAt = performance.now();
    const { outcome } = await run(
      kernel,
      "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
    );
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(outcome.status).toBe("died");
    expect(outcome.error).toMatchObject({ ename: "DeadKernelError" });
    expect((await died).signal).toBe("SIGKILL");
    expect(kernel.state).toBe("dead");
    await kernel.restart();
    expect(await evaluate(kernel, "2 + 2")).toBe("4");
  });

  it("notices a kernel that stops answering its heartbeat", async () => {
    const kernel = await start("python3", { heartbeatTimeoutMs: 1000 });
    const pid = kernel.pid as number;
    const died = new Promise<DeathInfo>((resolve) => kernel.once("dead", resolve));
    process.kill(pid, "SIGSTOP");
    const info = await died;
    expect(info.reason).toBe("it stopped answering its heartbeat for 1 s");
    expect(await waitUntil(() => !isAlive(pid), 5000)).toBe(true);
  });

  it("answers input requests, completes and restarts with an empty namespace", async () => {
    const kernel = await start("python3");
    await expectInputAndCompletion(kernel);
    await kernel.restart();
    const after = await run(kernel, "name");
    expect(after.outcome.error?.ename).toBe("NameError");
  });

  it("leaves no process and no connection file behind after shutdown or killNow", async () => {
    const kernel = await start("python3");
    const pid = kernel.pid as number;
    const folder = kernel.connectionFolder as string;
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(folder)).toBe(true);
    await kernel.shutdown();
    expect(await waitUntil(() => !isAlive(pid), 5000)).toBe(true);
    expect(existsSync(folder)).toBe(false);
    const killed = await start("python3");
    const killedFolder = killed.connectionFolder as string;
    killed.killNow();
    // Synchronously: at process exit nothing asynchronous runs any more.
    expect(existsSync(killedFolder)).toBe(false);
    const refused = await run(kernel, "1");
    expect(refused.outcome.status).toBe("died");
  });
});

describe("a Jupyter kernel that cannot start", () => {
  it("says why, with what it printed, as KERNEL_START_FAILED", async () => {
    const python3 = findKernelSpec("python3");
    if (!python3) throw new Error("the python3 kernelspec is not installed");
    const attempts = [
      {
        argv: ["/nonexistent/kernel", "{connection_file}"],
        why: /could not start: spawn \/nonexistent\/kernel ENOENT/,
      },
      {
        argv: ["/usr/bin/python3", "-c", "import sys; print('no such module: zmq'); sys.exit(3)"],
        why: /could not start: exited with status 3; it printed:\n {2}no such module: zmq/,
      },
    ];
    for (const { argv, why } of attempts) {
      const failure = await JupyterKernel.start(
        { ...python3, name: "broken", argv },
        { cwd: process.cwd() },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: "KERNEL_START_FAILED" });
      expect((failure as Error).message).toMatch(why);
    }
  });
});

describe("a Jupyter kernel: IRkernel", () => {
  it("lets a cell run longer than the heartbeat timeout: IRkernel answers it only when idle", async () => {
    const kernel = await start("ir", { heartbeatTimeoutMs: 1000 });
    const { outcome, stdout } = await run(kernel, 'Sys.sleep(2.5)\ncat("slept\\n")');
    expect(outcome.status).toBe("ok");
    expect(stdout).toBe("slept\n");
    expect(kernel.state).toBe("idle");
  });

  it("runs R: printed output, rich results, R errors", async () => {
    const kernel = await start("ir");
    expect(kernel.languageInfo?.name).toBe("R");
    const { outcome, events } = await run(kernel, "x <- c(1, 2, 3)\nprint(mean(x))\nsum(x)");
    expect(outcome.status).toBe("ok");
    expect(outputs(events)).toContainEqual({ type: "stream", name: "stdout", text: "[1] 2\n" });
    const shown = events.find((e) => e.type === "display");
    expect(shown?.type === "display" && shown.data["text/plain"]).toBe("[1] 6");
    const failed = await run(kernel, 'stop("boom")');
    expect(failed.outcome.status).toBe("error");
    expect(failed.outcome.error?.evalue).toContain("boom");
  });
});
