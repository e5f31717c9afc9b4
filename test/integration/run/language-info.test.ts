// metadata.language_info after a run is the kernel's own, as Jupyter records it: the version of the
// Python that ran, not the stale one the notebook came with.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS, ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt());

const SYSTEM_PYTHON = "/usr/bin/python3";

describe("oprel run: metadata.language_info", () => {
  it("records the language_info of the kernel that ran, as nbconvert does", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "stale.ipynb", ["1 + 1"], {
      language_info: { name: "python", version: "3.9.2", pygments_lexer: "ipython3", extra: 1 },
    });
    const run = await runCli(["run", "--python", SYSTEM_PYTHON, path]);
    expect(run.exitCode).toBe(0);
    const version = execFileSync(SYSTEM_PYTHON, ["-c", "import sys; print(sys.version.split()[0])"])
      .toString()
      .trim();
    const saved = JSON.parse(readFileSync(path, "utf8"));
    // What nbclient wrote into a notebook of its own test suite (after running it with ipykernel),
    // with the version of the Python that ran here.
    const jupyters = JSON.parse(readFileSync(join(CORPUS, "nbclient", "Sleep1s.ipynb"), "utf8"));
    expect(saved.metadata.language_info).toEqual({ ...jupyters.metadata.language_info, version });
  });
});
