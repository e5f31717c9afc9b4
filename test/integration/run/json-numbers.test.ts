// Numbers in JSON outputs are saved as the worker wrote them (1.0 stays 1.0), as Jupyter saves them.

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run: JSON output data", () => {
  it("keeps 1.0, 2.0 and 1e-05 as written in application/json and +json bundles", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "json.ipynb", [
      'display({"application/json": {"a": 1.0, "b": [2.0, 3]}, "text/plain": "x"}, raw=True)',
      'display({"application/vnd.demo+json": {"c": 1e-05}, "text/plain": "y"}, raw=True)',
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode, run.stderr).toBe(0);
    const saved = readFileSync(path, "utf8");
    expect(saved).toContain('"a": 1.0');
    expect(saved).toMatch(/"b": \[\s*2\.0,\s*3\s*\]/);
    expect(saved).toContain('"c": 1e-05');
  });
});
