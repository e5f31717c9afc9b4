// The reference run: `jupyter nbconvert --execute` on the same notebook as `oprel run`, and the
// cell-by-cell comparison of their saved outputs (what "matches Jupyter" means in these tests).

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { codeCells, readNotebook, runCli, type SavedCell } from "./helpers.js";

export interface BothRuns {
  ours: SavedCell[];
  theirs: SavedCell[];
  /** oprel's exit code and what it printed. */
  exitCode: number | null;
  printed: string;
}

/**
 * Runs dir/name with `oprel run` (into oprel.ipynb) and with nbconvert (into jupyter.ipynb), both
 * with `env` laid over the environment (e.g. a JUPYTER_PATH holding a kernelspec).
 */
export async function runBoth(
  dir: string,
  name: string,
  env: Record<string, string> = {},
): Promise<BothRuns> {
  const run = await runCli(["run", name, "-o", "oprel.ipynb"], { cwd: dir, env });
  // --allow-errors: nbconvert writes nothing when a cell fails otherwise. The tests put a failing
  // cell last, where oprel stops too.
  execFileSync(
    "jupyter",
    [
      "nbconvert",
      "--to",
      "notebook",
      "--execute",
      "--allow-errors",
      name,
      "--output",
      "jupyter.ipynb",
    ],
    { cwd: dir, stdio: "ignore", env: { ...process.env, ...env } },
  );
  return {
    ours: codeCells(readNotebook(join(dir, "oprel.ipynb"))),
    theirs: codeCells(readNotebook(join(dir, "jupyter.ipynb"))),
    exitCode: run.exitCode,
    printed: run.stdout + run.stderr,
  };
}

/** Every code cell's outputs are equal; execution counts too unless told otherwise. */
export function expectSameOutputs(
  { ours, theirs }: Pick<BothRuns, "ours" | "theirs">,
  { counts = true }: { counts?: boolean } = {},
): void {
  expect(ours).toHaveLength(theirs.length);
  ours.forEach((cell, i) => {
    if (counts) expect(cell.execution_count, `cell ${i + 1}`).toBe(theirs[i]?.execution_count);
    expect(cell.outputs, `cell ${i + 1}`).toEqual(theirs[i]?.outputs);
  });
}
