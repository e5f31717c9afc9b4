// Numbers in notebook and cell metadata are oprel's to carry, not to rewrite: after a run they are
// saved byte for byte as the file had them, on every path that edits metadata (the papermill
// records of run, failed and parameterized cells, the notebook's own record, the error banner).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, tempDir } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const NUMBERS = '"big": 12345678901234567890123, "f": 1.0, "nz": -0.0, "inf": 1e400';
const EXPECTED = ['"big": 12345678901234567890123', '"f": 1.0', '"nz": -0.0', '"inf": 1e400'];

function cell(id: string, source: string, tags: string[] = []): string {
  const tagText = tags.length > 0 ? `, "tags": ${JSON.stringify(tags)}` : "";
  return `{"cell_type": "code", "execution_count": null, "id": "${id}", "metadata": {${NUMBERS}${tagText}}, "outputs": [], "source": ${JSON.stringify(source)}}`;
}

function notebookText(cells: string[]): string {
  return `{"cells": [${cells.join(", ")}, {"cell_type": "markdown", "id": "md", "metadata": {${NUMBERS}}, "source": "text"}],
 "metadata": {${NUMBERS}, "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}`;
}

/** How often each expected text occurs in the saved file. */
function counts(path: string): number[] {
  const saved = readFileSync(path, "utf8");
  expect(saved).not.toContain("Infinity");
  return EXPECTED.map((text) => saved.split(text).length - 1);
}

describe("oprel run: numbers in metadata", () => {
  it("keeps them as written in the notebook, a run cell and a markdown cell", async () => {
    const dir = tempDir();
    const path = join(dir, "numbers.ipynb");
    writeFileSync(path, notebookText([cell("a", "x = 1")]));
    const run = await runCli(["run", path]);
    expect(run.exitCode, run.stderr).toBe(0);
    // notebook metadata, the code cell, the markdown cell
    expect(counts(path)).toEqual([3, 3, 3, 3]);
  });

  it("keeps them through parameters, a failed cell and the error banner, with --no-timing", async () => {
    const dir = tempDir();
    const path = join(dir, "numbers.ipynb");
    writeFileSync(
      path,
      notebookText([
        cell("p", "n = 1", ["parameters"]),
        cell("a", "x = n"),
        cell("b", "raise ValueError(n)"),
        cell("c", "never = 1"),
      ]),
    );
    const run = await runCli(["run", "--no-timing", "-p", "n", "2", path]);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(readFileSync(path, "utf8")).toContain("injected-parameters");
    // notebook metadata, four code cells (run, failed and not run), the markdown cell
    expect(counts(path)).toEqual([6, 6, 6, 6]);
  });
});
