// --memory-limit keeps a runaway allocation inside the notebook, and OPREL_LOG records what the
// kernels did without a word on the console.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { codeCells, ensureBuilt, readNotebook, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run: --memory-limit", () => {
  it("turns an allocation past the limit into a MemoryError in that cell; the kernel lives", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "hungry.ipynb", [
      "try:\n    block = bytearray(2 * 1024**3)\nexcept MemoryError:\n    print('refused')",
      "print('still alive')",
    ]);
    const run = await runCli(["run", "--memory-limit", "512M", path]);
    expect(run.exitCode, run.stderr).toBe(0);
    const [hungry, after] = codeCells(readNotebook(path));
    expect(JSON.stringify(hungry?.outputs)).toContain("refused");
    expect(JSON.stringify(after?.outputs)).toContain("still alive");
  });

  it("refuses a size it cannot read, before running anything", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "n.ipynb", ["print(1)"]);
    const run = await runCli(["run", "--memory-limit", "lots", path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--memory-limit 'lots' is not a size");
  });
});

describe("OPREL_LOG", () => {
  it("appends the kernels' life to the named file and nothing to the console", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "crash.ipynb", ["import ctypes\nctypes.string_at(0)"]);
    const logFile = join(dir, "oprel.log");
    const run = await runCli(["run", path], { env: { OPREL_LOG: logFile } });
    expect(run.exitCode).toBe(4);
    const logged = readFileSync(logFile, "utf8");
    expect(logged).toMatch(/kernel: worker \d+ ready: /);
    expect(logged).toMatch(/kernel: worker \d+ died: segmentation fault/);
    expect(run.stdout + run.stderr).not.toContain("ready:");
  });
});
