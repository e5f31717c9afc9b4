// When a worker dies: what the controller learns about it, and what it leaves behind.

import { describe, expect, it } from "vitest";
import type { DeathInfo } from "../../../src/kernel/index.js";
import { run, startKernel } from "../worker-magics/helpers.js";

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
});
