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

const AS_USER = fileURLToPath(new URL("./as-user.mts", import.meta.url));
const REPO = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Loads or saves in a child process that cannot bypass file permissions: as "nobody" when the
 * tests run as root, else as the current user. Returns the OprelError's fields, or {ok: true}.
 */
export function asUnprivilegedUser(
  operation: "load" | "save",
  path: string,
): Record<string, unknown> {
  const node = [process.execPath, "--import", "tsx", AS_USER, operation, path];
  const command =
    process.getuid?.() === 0
      ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node]
      : node;
  const [file, ...args] = command as [string, ...string[]];
  return JSON.parse(execFileSync(file, args, { cwd: REPO }).toString("utf8"));
}

/** Freezes every object inside `value`: a function that mutates its input then throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
