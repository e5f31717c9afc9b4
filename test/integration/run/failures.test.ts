// Runs that go wrong: timeouts, dead kernels, kernels that do not start, signals, --fail-fast,
// and the guarantee that the output file is never half-written.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  startCli,
  streamText,
  tempDir,
  text,
  writeNotebook,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

function errorOf(cell: ReturnType<typeof codeCells>[number] | undefined) {
  return cell?.outputs?.find((o) => o.output_type === "error");
}

describe("oprel run: time limits", () => {
  it("stops a cell at --timeout, shows a timeout error, saves and exits 3", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "slow.ipynb", [
      "print('before')",
      "import time\ntime.sleep(60)",
      "print('never')",
    ]);
    const run = await runCli(["run", "--timeout", "1", path]);
    expect(run.exitCode).toBe(3);
    expect(run.durationMs).toBeLessThan(15_000);
    const [before, slow, never] = codeCells(readNotebook(path));
    expect(streamText(before)).toBe("before\n");
    expect(errorOf(slow)).toMatchObject({ ename: "CellTimeoutError" });
    expect(slow?.metadata.papermill?.status).toBe("failed");
    expect(never?.metadata.papermill?.status).toBe("pending");
    expect(text(readNotebook(path).cells[0]?.source)).toContain("An Exception was encountered");
  });

  it("kills a cell that ignores the interrupt", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "stubborn.ipynb", [
      "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: time.sleep(0.1)",
    ]);
    const run = await runCli(["run", "--timeout", "1", path]);
    expect(run.exitCode).toBe(3);
    expect(run.durationMs).toBeLessThan(15_000);
    expect(errorOf(codeCells(readNotebook(path))[0])).toMatchObject({ ename: "CellTimeoutError" });
  });

  it("stops a notebook at --notebook-timeout", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "long.ipynb", [
      "import time",
      "time.sleep(0.5)",
      "time.sleep(60)",
      "print('never')",
    ]);
    const run = await runCli(["run", "--notebook-timeout", "2", path]);
    expect(run.exitCode).toBe(3);
    expect(run.durationMs).toBeLessThan(15_000);
    const cells = codeCells(readNotebook(path));
    expect(cells[1]?.metadata.papermill?.status).toBe("completed");
    expect(errorOf(cells[2])).toMatchObject({ ename: "NotebookTimeoutError" });
    expect(errorOf(cells[2])?.evalue).toContain("2 seconds");
    expect(cells[3]?.metadata.papermill?.status).toBe("pending");
  });

  it("takes a limit past Node's 24.8-day timer range as no limit, not as one that strikes at once", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "patient.ipynb", [
      "import time\ntime.sleep(0.3)",
      "print('done')",
    ]);
    const run = await runCli([
      "run",
      "--timeout",
      "99999999",
      "--notebook-timeout",
      "2147484",
      path,
    ]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[1])).toBe("done\n");
  });
});

describe("oprel run: kernels that die or do not start", () => {
  it("reports a segfault as a dead kernel, saves what ran and exits 4", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "crash.ipynb", [
      "print('alive')",
      "import ctypes\nctypes.string_at(0)",
      "print('never')",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(4);
    expect(run.stdout).toContain("SIGSEGV");
    const [alive, crashed, never] = codeCells(readNotebook(path));
    expect(streamText(alive)).toBe("alive\n");
    expect(errorOf(crashed)).toMatchObject({ ename: "DeadKernelError" });
    expect(never?.metadata.papermill?.status).toBe("pending");
  });

  it("exits 5 when the kernel cannot start, showing what it printed, leaving the notebook as it was", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "broken-env.ipynb", ["print(1)"]);
    const original = readFileSync(path, "utf8");
    const python = join(dir, "python-broken");
    writeFileSync(
      python,
      "#!/bin/sh\necho 'Fatal Python error: broken environment' >&2\nexit 1\n",
      { mode: 0o755 },
    );
    const run = await runCli(["run", "--python", python, path]);
    expect(run.exitCode).toBe(5);
    expect(run.stdout).toContain("broken environment");
    expect(run.stdout).toMatch(/broken-env\.ipynb +kernel did not start/);
    expect(readFileSync(path, "utf8")).toBe(original);
  });

  it("exits 5 when --python names no interpreter, rather than using another one", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "nopython.ipynb", ["print(1)"]);
    const original = readFileSync(path, "utf8");
    const run = await runCli(["run", "--python", join(dir, "no-such-python"), path]);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toContain("no-such-python");
    expect(readFileSync(path, "utf8")).toBe(original);
  });

  it("exits 5 when OPREL_PYTHON names no interpreter, rather than using another one", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "envpython.ipynb", ["print(1)"]);
    const original = readFileSync(path, "utf8");
    const run = await runCli(["run", path], { env: { OPREL_PYTHON: "/nonexistent" } });
    expect(run.exitCode).toBe(5);
    expect(run.stdout + run.stderr).toContain(
      "OPREL_PYTHON=/nonexistent is not a usable interpreter: not found.",
    );
    expect(readFileSync(path, "utf8")).toBe(original);
  });
});

describe("oprel run: stopping early", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const) {
    it(`on ${signal}: interrupts, saves what ran, stops every worker and exits ${code}`, async () => {
      const dir = tempDir();
      const path = writeNotebook(dir, "sig.ipynb", [
        "import os\nprint('pid', os.getpid())",
        "import time\nprint('sleeping', flush=True)\ntime.sleep(60)",
        "print('never')",
      ]);
      const cli = startCli(["run", "--log-output", path]);
      await cli.waitFor("sleeping");
      cli.child.kill(signal);
      const run = await cli.result;
      expect(run.exitCode).toBe(code);
      expect(run.durationMs).toBeLessThan(15_000);
      const [first, slept, never] = codeCells(readNotebook(path));
      const pid = Number(/pid (\d+)/.exec(streamText(first))?.[1]);
      expect(pid).toBeGreaterThan(0);
      expect(streamText(slept)).toContain("sleeping");
      expect(errorOf(slept)?.ename).toBe("KeyboardInterrupt");
      expect(never?.metadata.papermill?.status).toBe("pending");
      expect(() => process.kill(pid, 0)).toThrow();
    });
  }

  it("-j 2 --fail-fast stops the other notebook at the first failure", async () => {
    const dir = tempDir();
    const slow = writeNotebook(dir, "slow.ipynb", [
      "import time\nprint('slow started', flush=True)\ntime.sleep(60)",
      "print('never')",
    ]);
    const failing = writeNotebook(dir, "fail.ipynb", [
      "import time\ntime.sleep(1)",
      "raise RuntimeError('boom')",
    ]);
    const queued = writeNotebook(dir, "queued.ipynb", ["print('queued ran')"]);
    const queuedText = readFileSync(queued, "utf8");
    const run = await runCli([
      "run",
      "-j",
      "2",
      "--fail-fast",
      "--log-output",
      slow,
      failing,
      queued,
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.durationMs).toBeLessThan(20_000);
    expect(run.stdout).toContain("slow started");
    expect(run.stdout).toMatch(/slow\.ipynb +cancelled/);
    expect(run.stdout).toMatch(/fail\.ipynb +failed/);
    expect(run.stdout).toMatch(/queued\.ipynb +cancelled/);
    expect(errorOf(codeCells(readNotebook(slow))[0])?.ename).toBe("KeyboardInterrupt");
    expect(readFileSync(queued, "utf8")).toBe(queuedText);
  });

  it("-j 2 runs notebooks at the same time", async () => {
    const dir = tempDir();
    const paths = [1, 2].map((i) =>
      writeNotebook(dir, `n${i}.ipynb`, ["import time\ntime.sleep(2)\nprint('done')"]),
    );
    const run = await runCli(["run", "-j", "2", ...paths]);
    expect(run.exitCode).toBe(0);
    // Each cell's recorded run (papermill's start and end times) overlaps the other's: they ran at
    // the same time. Unlike a wall-clock limit, this holds however loaded the machine is.
    const [first, second] = paths.map((path) => {
      const meta = readNotebook(path).cells[0]?.metadata.papermill;
      return { start: Date.parse(meta?.start_time ?? ""), end: Date.parse(meta?.end_time ?? "") };
    });
    if (!first || !second) throw new Error("both notebooks should have run");
    expect(first.end - first.start).toBeGreaterThanOrEqual(1900);
    expect(first.start).toBeLessThan(second.end);
    expect(second.start).toBeLessThan(first.end);
  });

  it("never leaves a half-written notebook when oprel is killed at any moment", async () => {
    const dir = tempDir();
    const cells = Array.from({ length: 30 }, (_, i) => `print('x' * 20000, ${i})`);
    const path = writeNotebook(dir, "big.ipynb", cells);
    for (const delay of [150, 300, 450, 600, 800]) {
      const cli = startCli(["run", path]);
      await new Promise((resolve) => setTimeout(resolve, delay));
      cli.child.kill("SIGKILL");
      await cli.result;
      const nb = readNotebook(path);
      // Either the old file or a complete new one: it always parses, with every cell.
      expect(nb.cells).toHaveLength(30);
    }
  });
});
