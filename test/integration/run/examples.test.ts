// The notebooks shipped in examples/ (the README's first commands open them) run clean, each in
// its own kernel: oprel's worker for Python, IRkernel for R.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { codeCells, ensureBuilt, ROOT, readNotebook, runCli, tempDir } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((name) => name.endsWith(".ipynb"));

describe("the shipped examples", () => {
  it("include the tour the README opens, and one in R", () => {
    expect(EXAMPLES).toEqual(expect.arrayContaining(["tour.ipynb", "r-tour.ipynb"]));
  });

  it.each(EXAMPLES)(
    "%s runs without an error",
    async (name) => {
      const output = join(tempDir(), name);
      const run = await runCli(["run", join(ROOT, "examples", name), "-o", output]);
      expect(run.stderr).toBe("");
      expect(run.exitCode).toBe(0);
      for (const cell of codeCells(readNotebook(output))) {
        expect(cell.execution_count).not.toBeNull();
        expect(cell.outputs?.some((out) => out.output_type === "error")).toBe(false);
      }
    },
    120_000,
  );
});
