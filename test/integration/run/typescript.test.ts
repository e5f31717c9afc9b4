// `oprel run` on TypeScript notebooks through tslab (a devDependency; its kernelspec is written
// into a temporary JUPYTER_PATH), with outputs that match `jupyter nbconvert --execute` cell by cell.

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TYPESCRIPT, tslabJupyterPath } from "../kernel/tslab.js";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  writeNotebook,
} from "./helpers.js";
import { expectSameOutputs, runBoth } from "./nbconvert.js";

beforeAll(() => ensureBuilt(), 180_000);

const env = () => ({ JUPYTER_PATH: tslabJupyterPath() });

describe("oprel run with tslab (TypeScript)", () => {
  it("matches nbconvert cell by cell up to a type error, and names the error", async () => {
    const dir = tempDir();
    const cells = [
      "console.log('to stdout'); console.error('to stderr')",
      "const x: number = 1 + 2;\nx * 2",
      "({ a: 1, b: [1, 2], c: 'x' })",
      "import * as tslab from 'tslab';\ntslab.display.html('<b>bold</b>'); tslab.display.text('plain')",
      "async function later(): Promise<number> { return 5 }\nawait later()",
      "const s: string = 42;",
    ];
    writeNotebook(dir, "types.ipynb", cells, TYPESCRIPT);
    const both = await runBoth(dir, "types.ipynb", env());
    expect(both.exitCode, both.printed).toBe(1);
    expect(both.ours).toHaveLength(cells.length);
    // tslab sends no execute_input, and nbclient takes the count from iopub only: its cells keep
    // none. oprel takes the execute_reply's, as JupyterLab does (docs/compatibility.md).
    expectSameOutputs(both, { counts: false });
    expect(both.theirs.map((c) => c.execution_count)).toEqual(cells.map(() => null));
    expect(both.ours.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(streamText(both.ours[1])).toBe("6\n");
    expect(both.printed).toContain(
      "Error: 1:7 - Type 'number' is not assignable to type 'string'.",
    );
    expect(readNotebook(join(dir, "oprel.ipynb")).metadata.language_info).toMatchObject({
      name: "typescript",
    });
  }, 120_000);

  it("matches nbconvert on a runtime throw, and names the error", async () => {
    const dir = tempDir();
    writeNotebook(
      dir,
      "throws.ipynb",
      ["let n = 1", "n += 1; n", "throw new RangeError('boom')"],
      TYPESCRIPT,
    );
    const both = await runBoth(dir, "throws.ipynb", env());
    expect(both.exitCode, both.printed).toBe(1);
    expectSameOutputs(both, { counts: false });
    expect(streamText(both.ours[2])).toContain("RangeError: boom");
    expect(both.printed).toContain("RangeError: boom");
  }, 120_000);

  it("goes on after a raises-exception cell, though tslab aborts requests for 200 ms after an error", async () => {
    const dir = tempDir();
    writeNotebook(
      dir,
      "goes-on.ipynb",
      [
        { source: "throw new Error('expected')", tags: ["raises-exception"] },
        "console.log('after')",
        "1 + 1",
      ],
      TYPESCRIPT,
    );
    const run = await runCli(["run", "goes-on.ipynb"], { cwd: dir, env: env() });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const cells = codeCells(readNotebook(join(dir, "goes-on.ipynb")));
    expect(streamText(cells[1])).toBe("after\n");
    expect(streamText(cells[2])).toBe("2\n");
  }, 120_000);
});
