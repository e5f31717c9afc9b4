// When a worker dies: what the controller learns about it, and what it leaves behind.

import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { DeathInfo } from "../../../src/kernel/index.js";
import { isAlive, waitUntil } from "../kernel/helpers.js";
import { run, startKernel } from "../worker-magics/helpers.js";

const controller = fileURLToPath(new URL("./fixtures/orphan-controller.ts", import.meta.url));

describe("worker death", () => {
  it("writes a segfault's Python stack where the controller keeps the worker's last words", async () => {
    const kernel = await startKernel();
    const died = new Promise<DeathInfo>((resolve) => kernel.once("dead", resolve));
    const cell = await run(kernel, "import ctypes\ndef crash():\n    ctypes.string_at(0)\ncrash()");
    expect(cell.outcome.status).toBe("died");
    const info = await died;
    expect(info.signal).toBe("SIGSEGV");
    expect(info.stderr).toContain("Fatal Python error: Segmentation fault");
    expect(info.stderr).toMatch(/File "<cell In\[1\]>", line 3 in crash\n/);
    expect(info.stderr).toMatch(/File "<cell In\[1\]>", line 4 in <module>\n/);
    // The cell's error shows the same last words, the cell's frames among them.
    const traceback = cell.outcome.error?.traceback.join("\n") ?? "";
    expect(traceback).toContain("Fatal Python error: Segmentation fault");
    expect(traceback).toContain('File "<cell In[1]>", line 3 in crash');
  });

  it("takes the commands it left running in the background along when kill -9 ends the controller", async () => {
    const child = execa(process.execPath, ["--import", "tsx", controller], {
      buffer: false,
      reject: false,
      stdio: ["ignore", "pipe", "inherit"],
    });
    // The controller's first line; a controller that fails shows why on the inherited stderr.
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const { worker, children } = JSON.parse(line) as {
      worker: number;
      children: number[];
    };
    expect(children).toHaveLength(3);
    expect([worker, ...children].every(isAlive)).toBe(true);
    child.kill("SIGKILL");
    await child;
    const all = [worker, ...children];
    const gone = await waitUntil(() => all.every((pid) => !isAlive(pid)), 2000);
    for (const pid of all.filter(isAlive)) process.kill(pid, "SIGKILL"); // no leftovers on failure
    expect(gone).toBe(true);
  });
});
