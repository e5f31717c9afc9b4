// A cell's output is capped: past --max-output the notebook keeps the first and the last half of it,
// with a note saying how much was dropped; a warning says so, and the run goes on and saves.

import { readFileSync, statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run: --max-output", () => {
  it("keeps the start and the end of a huge output, says what it dropped, and goes on", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "loud.ipynb", [
      "import sys\nfor i in range(200_000):\n    print(f'line {i}')\nprint('to stderr', file=sys.stderr)",
      "print('next cell ran')",
    ]);
    const run = await runCli(["run", "--max-output", "64K", path]);
    expect(run.exitCode, run.stderr).toBe(0);
    const said = run.stdout + run.stderr;
    expect(said).toContain("warning: Cell 1 wrote more than 64 kB of output");
    expect(said).toContain("--max-output");
    const saved = readFileSync(path, "utf8");
    expect(statSync(path).size).toBeLessThan(200 * 1024);
    expect(saved).toContain('"line 0\\n"');
    expect(saved).toContain('"line 199999\\n"');
    expect(saved).not.toContain('"line 100000\\n"');
    expect(saved).toMatch(/\[oprel: [\d.]+ MB of output dropped here\. A cell keeps at most 64 kB/);
    expect(saved).toContain("to stderr");
    expect(saved).toContain("next cell ran");
  });

  it("refuses a size it cannot read", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "nb.ipynb", ["1"]);
    const run = await runCli(["run", "--max-output", "lots", path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--max-output 'lots' is not a size");
  });
});
