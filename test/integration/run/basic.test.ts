// oprel run on small notebooks: outputs, metadata, save modes, tags and error modes.

import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  text,
  writeNotebook,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run: a notebook that works", () => {
  it("writes outputs, execution counts and papermill metadata in place, sources untouched", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "ok.ipynb", [
      { source: "# Title", type: "markdown" },
      "x = 21\nprint('hello')",
      "x * 2",
      { source: "raw text", type: "raw" },
      "import sys; print('to stderr', file=sys.stderr)",
    ]);
    const before = readNotebook(path);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    const nb = readNotebook(path);
    expect(nb.cells.map((c) => text(c.source))).toEqual(before.cells.map((c) => text(c.source)));
    expect(nb.cells.map((c) => c.id)).toEqual(before.cells.map((c) => c.id));
    const [c1, c2, c3] = codeCells(nb);
    expect(streamText(c1)).toBe("hello\n");
    expect(c1?.execution_count).toBe(1);
    expect(c2?.execution_count).toBe(2);
    expect(c2?.outputs?.[0]).toMatchObject({
      output_type: "execute_result",
      execution_count: 2,
      data: { "text/plain": ["42"] },
    });
    expect(c3?.outputs?.[0]).toMatchObject({ output_type: "stream", name: "stderr" });
    for (const cell of codeCells(nb)) {
      expect(cell.metadata.papermill).toMatchObject({ status: "completed", exception: false });
      expect(cell.metadata.papermill?.duration).toBeGreaterThanOrEqual(0);
      expect(Date.parse(cell.metadata.papermill?.start_time ?? "")).not.toBeNaN();
      expect(cell.metadata.execution?.["shell.execute_reply"]).toBeTypeOf("string");
    }
    expect(nb.cells[0]?.metadata.papermill).toBeUndefined();
    expect(nb.metadata.papermill).toMatchObject({
      parameters: {},
      exception: false,
      input_path: path,
      output_path: path,
    });
    // Saved the way Jupyter saves: one-space indent, trailing newline.
    expect(readFileSync(path, "utf8")).toMatch(/^\{\n "cells": \[/);
    expect(readFileSync(path, "utf8").endsWith("}\n")).toBe(true);
  });

  it("leaves times out with --no-timing, so two runs give identical files", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "t.ipynb", ["import time\ntime.sleep(0.01)\nprint(1)"]);
    expect((await runCli(["run", "--no-timing", path])).exitCode).toBe(0);
    const first = readFileSync(path, "utf8");
    expect((await runCli(["run", "--no-timing", path])).exitCode).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(first);
    const cell = codeCells(readNotebook(path))[0];
    expect(cell?.metadata.papermill).toEqual({
      duration: null,
      end_time: null,
      exception: false,
      start_time: null,
      status: "completed",
    });
    expect(cell?.metadata.execution).toBeUndefined();
  });

  it("writes to -o and --output-dir, and nothing with --no-save", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "a.ipynb", ["print('ran')"]);
    const original = readFileSync(path, "utf8");
    const out = join(dir, "out.ipynb");
    expect((await runCli(["run", path, "-o", out])).exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(out))[0])).toBe("ran\n");
    expect(readFileSync(path, "utf8")).toBe(original);

    const outDir = join(dir, "results", "nested");
    expect((await runCli(["run", "--output-dir", outDir, path])).exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(join(outDir, "a.ipynb")))[0])).toBe("ran\n");
    expect(readFileSync(path, "utf8")).toBe(original);

    const mtime = statSync(path).mtimeMs;
    const run = await runCli(["run", "--no-save", path]);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(original);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it("runs in the notebook's folder by default and in --cwd when given", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "data.txt"), "local data");
    const path = writeNotebook(dir, "cwd.ipynb", [
      "import os\nprint(os.getcwd())\nprint(open('data.txt').read() if os.path.exists('data.txt') else 'no data')",
    ]);
    expect((await runCli(["run", path], { cwd: "/" })).exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[0])).toBe(`${dir}\nlocal data\n`);
    const other = tempDir();
    expect((await runCli(["run", "--cwd", other, path])).exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[0])).toBe(`${other}\nno data\n`);
  });

  it("finds the .venv of a notebook given by a relative path; a relative --python is relative to here", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "proj", ".venv", "bin"), { recursive: true });
    mkdirSync(join(dir, "proj", "nbs"));
    symlinkSync("/usr/bin/python3", join(dir, "proj", ".venv", "bin", "python"));
    symlinkSync("/usr/bin/python3", join(dir, "other-python"));
    writeNotebook(join(dir, "proj", "nbs"), "v.ipynb", ["import sys\nprint(sys.executable)"]);
    const rel = join("proj", "nbs", "v.ipynb");
    expect((await runCli(["run", rel], { cwd: dir })).exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(join(dir, rel)))[0])).toBe(
      `${join(dir, "proj", ".venv", "bin", "python")}\n`,
    );
    expect((await runCli(["run", "--python", "other-python", rel], { cwd: dir })).exitCode).toBe(5);
    expect((await runCli(["run", "--python", "./other-python", rel], { cwd: dir })).exitCode).toBe(
      0,
    );
    expect(streamText(codeCells(readNotebook(join(dir, rel)))[0])).toBe(
      `${join(dir, "other-python")}\n`,
    );
  });

  it("refuses input() the way headless Jupyter does", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "stdin.ipynb", ["input('name? ')"]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(1);
    const error = codeCells(readNotebook(path))[0]?.outputs?.find((o) => o.output_type === "error");
    expect(error?.ename).toBe("StdinNotImplementedError");
  });
});

describe("oprel run: saving", () => {
  it("does not overwrite a notebook that changed on disk while it ran", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "changed.ipynb", [
      `import json\np = ${JSON.stringify(join(dir, "changed.ipynb"))}\nnb = json.load(open(p))\nnb['metadata']['edited'] = True\njson.dump(nb, open(p, 'w'))`,
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain("was changed by another program");
    expect(readNotebook(path).metadata.edited).toBe(true);
  });

  it("keeps an older nbformat 4 minor version, adding no cell ids", async () => {
    const dir = tempDir();
    const path = join(dir, "v44.ipynb");
    const nb = {
      cells: [
        {
          cell_type: "code",
          execution_count: null,
          metadata: {},
          outputs: [],
          source: ["print(44)"],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 4,
    };
    writeFileSync(path, JSON.stringify(nb));
    const run = await runCli(["run", "-p", "x", "1", path]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain("writes nbformat 4.5");
    const saved = JSON.parse(readFileSync(path, "utf8"));
    expect(saved.nbformat_minor).toBe(4);
    expect(saved.cells.map((c: { id?: string }) => c.id)).toEqual([undefined, undefined]);
    expect(streamText(saved.cells[1])).toBe("44\n");
  });

  it("runs a notebook without code cells without starting a kernel", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "prose.ipynb", [{ source: "# Only prose", type: "markdown" }]);
    const run = await runCli(["run", "--python", "/bin/false", path]);
    expect(run.exitCode).toBe(0);
    expect(readNotebook(path).metadata.papermill?.exception).toBe(false);
  });
});

describe("oprel run: tags", () => {
  it("skips skip-execution cells and leaves them untouched", async () => {
    const dir = tempDir();
    const stale = [{ output_type: "stream", name: "stdout", text: ["old output\n"] }];
    const path = writeNotebook(dir, "skip.ipynb", [
      "a = 1",
      { source: "raise RuntimeError('must not run')", tags: ["skip-execution"], outputs: stale },
      "print(a)",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    const [, skipped, last] = codeCells(readNotebook(path));
    expect(skipped?.outputs).toEqual(stale);
    expect(skipped?.metadata.papermill).toBeUndefined();
    expect(skipped?.execution_count).toBeNull();
    expect(last?.execution_count).toBe(2);
    expect(streamText(last)).toBe("1\n");
  });

  it("lets raises-exception cells raise and goes on", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "raises.ipynb", [
      { source: "1/0", tags: ["raises-exception"] },
      "print('after')",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    const [raised, after] = codeCells(readNotebook(path));
    expect(raised?.outputs?.[0]).toMatchObject({
      output_type: "error",
      ename: "ZeroDivisionError",
    });
    expect(raised?.metadata.papermill?.status).toBe("completed");
    expect(streamText(after)).toBe("after\n");
    expect(readNotebook(path).cells[0]?.metadata.tags).toEqual(["raises-exception"]);
  });

  it("fails a raises-exception cell that does not raise", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "noraise.ipynb", [
      { source: "x = 1", tags: ["raises-exception"] },
      "print('after')",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("raised no exception");
    const [cell, after] = codeCells(readNotebook(path));
    expect(cell?.metadata.papermill?.status).toBe("failed");
    expect(cell?.outputs?.at(-1)).toMatchObject({
      output_type: "error",
      ename: "MissingExpectedException",
    });
    expect(after?.metadata.papermill?.status).toBe("pending");
  });
});

describe("oprel run: error modes", () => {
  const cells = ["print('one')", "raise ValueError('bad value')", "print('three')"];

  it("prints a failure's traceback on a pipe without colour, frames laid out as IPython's", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "frames.ipynb", ["def f(x):\n    return x / 0\nf(1)"]);
    const run = await runCli(["run", "--no-save", path]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).not.toContain("\x1b");
    // The report's lines after the cell's source ("  | ..."), without the "[notebook]   " prefix.
    const indented = /^\[[^\]]*frames\.ipynb\] {3}(?!\| )/;
    const traceback = run.stdout
      .split("\n")
      .filter((line) => indented.test(line))
      .map((line) => line.replace(/^\[[^\]]*\] {3}/, ""));
    expect(traceback).toEqual([
      "-".repeat(75),
      `ZeroDivisionError${" ".repeat(25)}Traceback (most recent call last)`,
      "Cell In[1], line 3",
      "      1 def f(x):",
      "      2     return x / 0",
      "----> 3 f(1)",
      "",
      "Cell In[1], line 2, in f(x)",
      "      1 def f(x):",
      "----> 2     return x / 0",
      "",
      "ZeroDivisionError: division by zero",
    ]);
  });

  it("stops at the first error by default, marks it like papermill and saves", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "err.ipynb", [{ source: "intro", type: "markdown" }, ...cells]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("ValueError: bad value");
    expect(run.stdout).toContain("| raise ValueError('bad value')");
    const nb = readNotebook(path);
    expect(nb.cells).toHaveLength(6);
    const [banner, intro, one, anchor, failed, three] = nb.cells;
    expect(text(banner?.source)).toBe(
      `<span style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;">An Exception was encountered at '<a href="#papermill-error-cell">In [2]</a>'.</span>`,
    );
    expect(banner?.metadata.tags).toEqual(["papermill-error-cell-tag"]);
    expect(text(intro?.source)).toBe("intro");
    expect(one?.metadata.papermill?.status).toBe("completed");
    expect(text(anchor?.source)).toContain('id="papermill-error-cell"');
    expect(anchor?.metadata.tags).toEqual(["papermill-error-cell-tag"]);
    expect(failed?.metadata.papermill).toMatchObject({ status: "failed", exception: true });
    expect(failed?.outputs?.[0]).toMatchObject({
      output_type: "error",
      ename: "ValueError",
      evalue: "bad value",
    });
    expect(three?.metadata.papermill?.status).toBe("pending");
    expect(three?.outputs).toEqual([]);
    expect(nb.metadata.papermill?.exception).toBe(true);

    // The next run removes the old markers before it adds new ones.
    const again = await runCli(["run", path]);
    expect(again.exitCode).toBe(1);
    expect(
      readNotebook(path).cells.filter((c) => c.metadata.tags?.includes("papermill-error-cell-tag")),
    ).toHaveLength(2);
  });

  it("runs the rest with --continue-on-error and still exits 1", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "cont.ipynb", cells);
    const run = await runCli(["run", "--continue-on-error", path]);
    expect(run.exitCode).toBe(1);
    const nb = readNotebook(path);
    expect(text(nb.cells[0]?.source)).toContain("An Exception was encountered");
    const [, , three] = codeCells(nb);
    expect(streamText(three)).toBe("three\n");
    expect(three?.metadata.papermill?.status).toBe("completed");
  });

  it("records errors and exits 0 with --allow-errors, without a banner", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "allow.ipynb", cells);
    const report = join(dir, "r.json");
    const run = await runCli(["run", "--allow-errors", "--json", report, path]);
    expect(run.exitCode).toBe(0);
    const nb = readNotebook(path);
    expect(nb.cells).toHaveLength(3);
    const [, failed, three] = codeCells(nb);
    expect(failed?.metadata.papermill?.status).toBe("failed");
    expect(streamText(three)).toBe("three\n");
    // The report says errors were recorded; the summary too; the exit code stays 0.
    const json = JSON.parse(readFileSync(report, "utf8"));
    expect(json.exit_code).toBe(0);
    expect(json.notebooks[0]).toMatchObject({ status: "passed-with-errors", exit_code: 0 });
    expect(json.notebooks[0].cells[1].status).toBe("failed");
    expect(run.stdout).toMatch(/allow\.ipynb +passed with errors +3\/3/);
    expect(run.stdout).toContain("1 notebook passed");
  });

  it("treats sys.exit(0) as a clean stop, as papermill does", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "exit0.ipynb", [
      "print(1)",
      "import sys; sys.exit(0)",
      "print('never')",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    const [, exited, never] = codeCells(readNotebook(path));
    expect(exited?.outputs?.[0]).toMatchObject({ output_type: "error", ename: "SystemExit" });
    expect(never?.execution_count).toBeNull();
  });
});

describe("oprel run: bad input", () => {
  it("exits 2 with one sentence for a missing, unreadable or invalid notebook and runs nothing", async () => {
    const dir = tempDir();
    const good = writeNotebook(dir, "good.ipynb", ["print('ran')"]);
    const goodText = readFileSync(good, "utf8");
    const missing = await runCli(["run", good, join(dir, "missing.ipynb")]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^oprel: .*missing\.ipynb.*\n/);
    expect(readFileSync(good, "utf8")).toBe(goodText);

    const broken = join(dir, "broken.ipynb");
    writeFileSync(broken, "{ not json");
    const run = await runCli(["run", broken]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(3);
    expect(run.stderr).not.toContain("    at ");
    expect(readFileSync(broken, "utf8")).toBe("{ not json");
  });

  it("exits 2 on usage errors with a hint", async () => {
    const run = await runCli(["run", "--timeout", "soon", "a.ipynb"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "oprel: --timeout 'soon' is not a positive number of seconds.\nHint: For example --timeout 60.\n",
    );
  });

  it("documents the exit codes in --help", async () => {
    const run = await runCli(["run", "--help"]);
    expect(run.exitCode).toBe(0);
    for (const code of ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "130", "143"])
      expect(run.stdout).toContain(`  ${code}`);
  });

  it("explains that the notebook UI needs a terminal, and points at oprel run", async () => {
    const run = await runCli(["some.ipynb"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("needs a terminal");
    expect(run.stderr).toContain("oprel run some.ipynb");
  });

  it("prints its version", async () => {
    const run = await runCli(["--version"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
