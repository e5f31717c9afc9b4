// Shared by the notebook unit tests: the vendored corpus, temporary folders, and Jupyter's Python.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS = fileURLToPath(new URL("../../fixtures/corpus", import.meta.url));
/** Debian's Python, which has nbformat: the reference for what Jupyter writes. */
export const JUPYTER_PYTHON = "/usr/bin/python3";

/** Every corpus notebook as "folder/name.ipynb". */
export function corpusNotebooks(): string[] {
  return ["nbclient", "papermill", "nbformat"].flatMap((folder) =>
    readdirSync(join(CORPUS, folder))
      .filter((name) => name.endsWith(".ipynb"))
      .sort()
      .map((name) => `${folder}/${name}`),
  );
}

export function readCorpus(name: string): string {
  return readFileSync(join(CORPUS, name), "utf8");
}

/** Runs Python code with Jupyter's Python, `input` on stdin; returns stdout. */
export function runPython(code: string, input = ""): string {
  return execFileSync(JUPYTER_PYTHON, ["-c", code], { input, maxBuffer: 1 << 30 }).toString("utf8");
}

export function runPythonFile(file: string, input = ""): string {
  return execFileSync(JUPYTER_PYTHON, [file], { input, maxBuffer: 1 << 30 }).toString("utf8");
}

export function makeTempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "oprel-notebook-test-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
