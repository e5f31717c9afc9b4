// The worker's options for notebooks that run in Jupyter kernels: --memory-limit (prlimit) and
// --python / OPREL_PYTHON / a .venv with --kernel python3-jupyter.

import { execFileSync } from "node:child_process";
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

beforeAll(() => ensureBuilt(), 180_000);

const R = { kernelspec: { name: "ir", display_name: "R", language: "R" } };

describe("--memory-limit with Jupyter kernels", () => {
  it("an R allocation past the limit is an error in the cell, and the notebook goes on", async () => {
    const dir = tempDir();
    writeNotebook(
      dir,
      "big.ipynb",
      [{ source: "x <- numeric(4e8)", tags: ["raises-exception"] }, 'cat("still here\\n")'],
      R,
    );
    const run = await runCli(["run", "--memory-limit", "1G", "big.ipynb"], { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const cells = codeCells(readNotebook(join(dir, "big.ipynb")));
    expect(cells[0]?.outputs?.[0]?.evalue).toContain("cannot allocate vector of size 3.0 Gb");
    expect(streamText(cells[1])).toBe("still here\n");
  }, 60_000);

  it("an ipykernel allocation past the limit fails the notebook with MemoryError", async () => {
    const dir = tempDir();
    writeNotebook(dir, "big.ipynb", ["b = bytearray(2 * 1024**3)", "print('not reached')"]);
    const run = await runCli(
      ["run", "--no-save", "--kernel", "python3-jupyter", "--memory-limit", "1G", "big.ipynb"],
      { cwd: dir },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("MemoryError");
    expect(run.stdout).toContain("1/2");
  }, 60_000);

  it("says when a kernel's runtime cannot start under the limit (V8 in tslab)", async () => {
    const dir = tempDir();
    writeNotebook(dir, "ts.ipynb", ["1 + 1"], TYPESCRIPT);
    const run = await runCli(["run", "--no-save", "--memory-limit", "512M", "ts.ipynb"], {
      cwd: dir,
      env: { JUPYTER_PATH: tslabJupyterPath() },
    });
    expect(run.exitCode).toBe(5);
    expect(run.stdout).toContain("It may need more address space than --memory-limit 512M allows");
  }, 60_000);
});

/** A venv over Debian's python, which has ipykernel; its own path tells it apart. Its python. */
function venv(folder: string): string {
  execFileSync("/usr/bin/python3", [
    "-m",
    "venv",
    "--without-pip",
    "--system-site-packages",
    folder,
  ]);
  return join(folder, "bin", "python");
}

describe("--kernel python3-jupyter with a chosen interpreter", () => {
  const executable = "import sys; print(sys.executable)";

  it("runs the ipykernel of a notebook's .venv, of --python and of OPREL_PYTHON", async () => {
    const dir = tempDir();
    const venvPython = venv(join(dir, ".venv"));
    writeNotebook(dir, "py.ipynb", [executable]);
    const printed = async (args: string[], env: Record<string, string> = {}) => {
      const run = await runCli(
        ["run", "--kernel", "python3-jupyter", ...args, "py.ipynb", "-o", "out.ipynb"],
        {
          cwd: dir,
          env,
        },
      );
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      return streamText(codeCells(readNotebook(join(dir, "out.ipynb")))[0]);
    };
    expect(await printed([])).toBe(`${venvPython}\n`);
    const otherPython = venv(join(tempDir(), "env"));
    expect(await printed(["--python", otherPython])).toBe(`${otherPython}\n`);
    expect(await printed([], { OPREL_PYTHON: otherPython })).toBe(`${otherPython}\n`);
  }, 90_000);

  it("keeps the kernelspec's own python when nothing names one", async () => {
    const dir = tempDir();
    writeNotebook(dir, "py.ipynb", [executable]);
    const run = await runCli(["run", "--kernel", "python3-jupyter", "py.ipynb"], { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(streamText(codeCells(readNotebook(join(dir, "py.ipynb")))[0])).toBe(
      "/usr/bin/python3\n",
    );
  }, 60_000);

  it("says in one sentence, exit 5, when the chosen interpreter has no ipykernel", async () => {
    const dir = tempDir();
    writeNotebook(dir, "py.ipynb", [executable]);
    // pyenv's python3 on PATH has no ipykernel.
    const bare = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
      encoding: "utf8",
    }).trim();
    const run = await runCli(
      ["run", "--no-save", "--kernel", "python3-jupyter", "--python", bare, "py.ipynb"],
      {
        cwd: dir,
      },
    );
    expect(run.exitCode).toBe(5);
    expect(run.stdout).toContain(
      `--python ${bare} has no ipykernel, which the 'python3' kernel runs.`,
    );
    expect(run.stdout).toContain(`Hint: Install it there (${bare} -m pip install ipykernel)`);
  }, 60_000);
});

describe("--registry-dir with Jupyter kernels", () => {
  it("warns when every notebook runs in a Jupyter kernel, which has no registry", async () => {
    const dir = tempDir();
    writeNotebook(dir, "r.ipynb", ['cat("r\\n")'], R);
    writeNotebook(dir, "py.ipynb", ["print('py')"]);
    const warning =
      "--registry-dir has no use here: %share and %fetch exist only in oprel's Python worker";
    const alone = await runCli(["run", "--no-save", "--registry-dir", "reg", "r.ipynb"], {
      cwd: dir,
    });
    expect(alone.exitCode, alone.stdout + alone.stderr).toBe(0);
    expect(alone.stdout + alone.stderr).toContain(warning);
    const mixed = await runCli(
      ["run", "--no-save", "--registry-dir", "reg", "r.ipynb", "py.ipynb"],
      {
        cwd: dir,
      },
    );
    expect(mixed.exitCode, mixed.stdout + mixed.stderr).toBe(0);
    expect(mixed.stdout + mixed.stderr).not.toContain(warning);
  }, 60_000);
});
