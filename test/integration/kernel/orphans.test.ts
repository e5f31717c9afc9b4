import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { isAlive, waitUntil } from "./helpers.js";

const controller = fileURLToPath(new URL("./fixtures/controller.ts", import.meta.url));
const jupyterController = fileURLToPath(
  new URL("./fixtures/jupyter-controller.ts", import.meta.url),
);

interface Pids {
  workers: number[];
  children: number[];
}

function startController(mode: "wait" | "exit", script = controller) {
  return execa(process.execPath, ["--import", "tsx", script, mode], {
    buffer: false,
    reject: false,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.slice(0, text.indexOf("\n")));
    });
    stream.on("end", () => reject(new Error(`controller ended without pids: ${text}`)));
  });
}

describe("no orphan workers", () => {
  it("workers exit within two seconds of kill -9 of their controller", async () => {
    const child = startController("wait");
    const { workers } = JSON.parse(await firstLine(child.stdout)) as Pids;
    expect(workers).toHaveLength(2);
    expect(workers.every(isAlive)).toBe(true);
    child.kill("SIGKILL");
    await child;
    expect(await waitUntil(() => workers.every((pid) => !isAlive(pid)), 2000)).toBe(true);
  });

  it("killAllKernels stops every worker and the commands it started when the controller exits", async () => {
    const child = startController("exit");
    const { workers, children } = JSON.parse(await firstLine(child.stdout)) as Pids;
    expect(children).toHaveLength(2);
    const result = await child;
    expect(result.exitCode).toBe(0);
    const all = [...workers, ...children];
    expect(await waitUntil(() => all.every((pid) => !isAlive(pid)), 1000)).toBe(true);
  });

  it("a Jupyter kernel (IRkernel) exits within two seconds of kill -9 of its controller", async () => {
    const child = startController("wait", jupyterController);
    const { kernel } = JSON.parse(await firstLine(child.stdout)) as { kernel: number };
    expect(isAlive(kernel)).toBe(true);
    child.kill("SIGKILL");
    await child;
    expect(await waitUntil(() => !isAlive(kernel), 2000)).toBe(true);
  }, 60_000);
});
