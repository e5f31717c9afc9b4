import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOprelError, type OprelError } from "../../../src/errors.js";
import { Kernel } from "../../../src/kernel/index.js";
import { evaluate, startKernel } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "oprel-start-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(root, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The environment a process was started with. */
function initialEnv(pid: number): Record<string, string> {
  const raw = readFileSync(`/proc/${pid}/environ`, "utf8");
  return Object.fromEntries(
    raw
      .split("\0")
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
}

async function startFailure(options: Parameters<typeof Kernel.start>[0]): Promise<OprelError> {
  const failure = await Kernel.start(options).then(
    async (kernel) => {
      await kernel.shutdown();
      throw new Error("the kernel started");
    },
    (error: unknown) => error,
  );
  expect(isOprelError(failure, "KERNEL_START_FAILED")).toBe(true);
  return failure as OprelError;
}

describe("Kernel start", () => {
  it("shows what a broken interpreter printed", async () => {
    const python = script(
      "broken-python",
      'echo "broken env: cannot find site-packages" >&2\nexit 1',
    );
    const error = await startFailure({ cwd: root, python });
    expect(error.message).toContain(python);
    expect(error.message).toContain("exited with status 1");
    expect(error.message).toContain("broken env: cannot find site-packages");
    expect(error.hint).toContain("--python");
  });

  it("shows Python's own complaint about a broken environment", async () => {
    const error = await startFailure({
      cwd: root,
      python: "/usr/bin/python3",
      env: { PYTHONHOME: join(root, "no-such-home") },
    });
    expect(error.message).toContain("No module named 'encodings'");
  });

  it("gives up on a worker that never says ready, with what it printed", async () => {
    const python = script("silent-python", "echo 'loading forever'\nexec sleep 60");
    const started = performance.now();
    const error = await startFailure({ cwd: root, python, startTimeoutMs: 1000 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(error.message).toContain("did not report ready within 1 s");
    expect(error.message).toContain("loading forever");
  });

  it("names a working folder that does not exist", async () => {
    const missing = join(root, "no-such-folder");
    const error = await startFailure({ cwd: missing, python: "/usr/bin/python3" });
    expect(error.message).toContain(`${missing} does not exist`);
  });

  it("runs the .venv found next to the notebook", async () => {
    const project = join(root, "project");
    mkdirSync(join(project, ".venv", "bin"), { recursive: true });
    mkdirSync(join(project, ".git"));
    symlinkSync("/usr/bin/python3", join(project, ".venv", "bin", "python"));
    const kernel = await startKernel({ cwd: project, notebookPath: join(project, "n.ipynb") });
    expect(kernel.interpreter.source).toBe(".venv");
    expect(kernel.executable).toBe(join(project, ".venv", "bin", "python"));
    expect(await evaluate(kernel, "import os; os.getcwd()")).toBe(`'${project}'`);
  });

  it("passes the environment through, with the protocol's variables set", async () => {
    const kernel = await startKernel({
      env: { OPREL_TEST_VALUE: "through", MPLBACKEND: undefined },
      memoryLimitBytes: 2 * 1024 ** 3,
    });
    expect(await evaluate(kernel, "import os; os.environ['OPREL_TEST_VALUE']")).toBe("'through'");
    // What the controller handed over (the worker may tidy its own os.environ afterwards).
    expect(initialEnv(kernel.pid)).toMatchObject({
      MPLBACKEND: "module://oprel_mpl_backend",
      PYTHONUNBUFFERED: "1",
      OPREL_MEMORY_LIMIT: String(2 * 1024 ** 3),
    });
    const own = await startKernel({ env: { MPLBACKEND: "Agg" } });
    expect(initialEnv(own.pid).MPLBACKEND).toBe("Agg");
  });

  const shim = "/root/.pyenv/shims/python3";
  it.skipIf(!existsSync(shim))(
    "launches the binary behind a pyenv shim once it is known",
    async () => {
      const first = await startKernel({ python: shim });
      const second = await startKernel({ python: shim });
      expect(second.interpreter.path).toBe(shim);
      expect(second.interpreter.launched).toBe(first.executable);
      expect(second.executable).toBe(first.executable);
      expect(await evaluate(second, "import sys; sys.version_info[:2]")).toBe(
        await evaluate(first, "import sys; sys.version_info[:2]"),
      );
    },
  );
});
