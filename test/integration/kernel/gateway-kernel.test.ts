// A kernel on a real Jupyter server (Debian's jupyter-server and /usr/bin/python3's ipykernel),
// through the same NotebookKernel interface as oprel's worker: input, completion, inspection,
// interrupt and restart through the REST API, a dropped connection survived, a kernel deleted on
// the server noticed.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  chooseKernel,
  type DeathInfo,
  type NotebookKernel,
  startKernel,
} from "../../../src/kernel/index.js";
import { type JupyterServer, startJupyterServer } from "../../support/jupyter-server.js";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy.js";
import { expectInputAndCompletion, run, waitUntil } from "./helpers.js";

let server: JupyterServer;
let proxy: TcpProxy;
const started: NotebookKernel[] = [];

beforeAll(async () => {
  server = await startJupyterServer();
  proxy = await startTcpProxy(Number(new URL(server.url).port));
}, 60_000);

afterEach(async () => {
  await Promise.all(started.splice(0).map((kernel) => kernel.shutdown()));
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

async function start(url = server.url, env: Record<string, string> = {}): Promise<NotebookKernel> {
  const choice = chooseKernel(undefined, undefined, { OPREL_GATEWAY_TOKEN: server.token }, url);
  const kernel = await startKernel(choice, { cwd: process.cwd(), env });
  started.push(kernel);
  return kernel;
}

describe("a kernel on a Jupyter gateway", () => {
  it("answers input requests, completes, inspects, and restarts with an empty namespace", async () => {
    const kernel = await start();
    expect(kernel.languageInfo?.name).toBe("python");
    await expectInputAndCompletion(kernel);
    const inspection = await kernel.inspect("len", 3);
    expect(inspection.found).toBe(true);
    const [id] = await server.kernels();
    await kernel.restart();
    expect((await run(kernel, "name")).outcome.error?.ename).toBe("NameError");
    // Restarted through the REST API: the same kernel on the server, not a second one.
    expect(await server.kernels()).toEqual([id]);
  }, 60_000);

  it("interrupts a running cell through the REST API", async () => {
    const kernel = await start();
    const running = run(kernel, "import time\nwhile True:\n    time.sleep(0.05)");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    kernel.interrupt();
    const { outcome } = await running;
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
    expect((await run(kernel, "1 + 1")).outcome.status).toBe("ok");
  }, 60_000);

  it("carries on when the connection drops mid-cell: the cell still completes with all its output", async () => {
    const kernel = await start(proxy.url);
    const cell = run(
      kernel,
      "import time\nprint('before', flush=True)\ntime.sleep(2)\nprint('after')",
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    proxy.cut();
    const { outcome, stdout } = await cell;
    expect(outcome.status).toBe("ok");
    expect(stdout).toBe("before\nafter\n");
    expect((await run(kernel, "print(6 * 7)")).stdout).toBe("42\n");
  }, 60_000);

  it("gets what the cell printed while the connection was down once it is back (the server kept it)", async () => {
    const kernel = await start(proxy.url);
    const cell = run(
      kernel,
      "import time\nprint('before', flush=True)\ntime.sleep(1)\nprint('during')",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    proxy.cut(2500);
    const { outcome, stdout } = await cell;
    expect(outcome.status).toBe("ok");
    expect(stdout).toBe("before\nduring\n");
  }, 60_000);

  it("notices its kernel deleted on the server (culled): dead, cells refused, restart starts a new one", async () => {
    const kernel = await start();
    const deaths: DeathInfo[] = [];
    kernel.on("dead", (info) => deaths.push(info));
    const [id] = await server.kernels();
    await fetch(`${server.url}api/kernels/${id}`, {
      method: "DELETE",
      headers: { Authorization: `token ${server.token}` },
    });
    expect(await waitUntil(() => deaths.length > 0, 10_000)).toBe(true);
    expect(deaths).toHaveLength(1);
    expect(kernel.state).toBe("dead");
    const refused = await run(kernel, "1 + 1");
    expect(refused.outcome).toMatchObject({ status: "died", error: { ename: "DeadKernelError" } });
    await kernel.restart();
    expect((await run(kernel, "print(6 * 7)")).stdout).toBe("42\n");
    const now = await server.kernels();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(id);
  }, 60_000);

  it("ends a cell whose kernel is deleted while it runs as DeadKernelError, not the server's interrupt", async () => {
    const kernel = await start();
    const cell = run(
      kernel,
      "import time\nprint('looping', flush=True)\nwhile True:\n    time.sleep(0.05)",
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [id] = await server.kernels();
    await fetch(`${server.url}api/kernels/${id}`, {
      method: "DELETE",
      headers: { Authorization: `token ${server.token}` },
    });
    const { outcome, stdout } = await cell;
    expect(stdout).toBe("looping\n");
    expect(outcome).toMatchObject({ status: "died", error: { ename: "DeadKernelError" } });
    expect(kernel.state).toBe("dead");
  }, 60_000);

  it("still reports a KeyboardInterrupt the code raised itself, on a kernel that stays", async () => {
    const kernel = await start();
    const { outcome } = await run(kernel, "raise KeyboardInterrupt");
    expect(outcome.status).toBe("error");
    expect(outcome.error?.ename).toBe("KeyboardInterrupt");
    expect((await run(kernel, "print(1)")).stdout).toBe("1\n");
  }, 60_000);

  it("waits out a server that stops answering while the WebSocket stays up", async () => {
    const kernel = await start();
    const cell = run(kernel, "import time\ntime.sleep(15)\nprint('done')");
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Longer than a REST check's time limit (10 s) plus the loss threshold (5 s) would allow.
    const resume = server.pause();
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    resume();
    const { outcome, stdout } = await cell;
    expect(outcome.status).toBe("ok");
    expect(stdout).toBe("done\n");
  }, 60_000);

  it("sends KERNEL_* variables with the start request, as Enterprise Gateway expects", async () => {
    await start(proxy.url, { KERNEL_NAMESPACE: "oprel-ns", KERNEL_USERNAME: "ada" });
    // The last start request through the proxy (earlier tests used it too).
    const starts = [...proxy.sent().matchAll(/POST \/api\/kernels[\s\S]*?\r\n\r\n(\{[^\r\n]*\})/g)];
    const body = starts.at(-1)?.[1];
    expect(JSON.parse(body ?? "{}")).toMatchObject({
      name: "python3",
      env: { KERNEL_NAMESPACE: "oprel-ns", KERNEL_USERNAME: "ada" },
    });
  }, 60_000);

  it("killNow deletes the kernel on the server before it returns (for exit handlers)", async () => {
    const kernel = await start();
    expect(await server.kernels()).toHaveLength(1);
    kernel.killNow();
    expect(await server.kernels()).toEqual([]);
  }, 60_000);
});
