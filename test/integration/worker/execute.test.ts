// Running cells: one persistent namespace, results of the last expression, IPython's history names,
// execution counts, top-level await, source for tracebacks and inspect.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerScriptPath } from "../../../src/kernel/package-root.js";
import { ok, resultText, run, startKernel, stream } from "../worker-magics/helpers.js";

describe("worker execution", () => {
  it("shows the last expression as a result with the execution count, also after statements", async () => {
    const kernel = await startKernel();
    const first = await ok(kernel, "1 + 1");
    expect(first.events.map((event) => event.type)).toEqual(["status", "result", "done"]);
    expect(first.events[1]).toMatchObject({ execution_count: 1, data: { "text/plain": "2" } });
    const second = await ok(kernel, "x = 5\nx");
    expect(second.events.find((event) => event.type === "result")).toMatchObject({
      execution_count: 2,
      data: { "text/plain": "5" },
    });
    expect(second.outcome.executionCount).toBe(2);
  });

  it("keeps no result for a trailing semicolon, None, statements or a last line that is not an expression", async () => {
    const kernel = await startKernel();
    for (const code of [
      "x = 5\nx;",
      "x;  # quiet",
      "None",
      "print('p')",
      "y = 1",
      "if True:\n    7",
    ]) {
      const cell = await ok(kernel, code);
      expect(resultText(cell), code).toBeUndefined();
    }
    expect(resultText(await ok(kernel, "x  # a comment; not quiet"))).toBe("5");
    expect(resultText(await ok(kernel, "'a;b'"))).toBe("'a;b'");
  });

  it("counts every non-silent, non-blank request, errors included; silent and blank ones do not count", async () => {
    const kernel = await startKernel();
    expect((await run(kernel, "1/0")).outcome).toMatchObject({
      status: "error",
      executionCount: 1,
    });
    expect((await run(kernel, "   \n\n")).outcome.executionCount).toBeNull();
    expect((await run(kernel, "z = 3", { silent: true })).outcome.executionCount).toBeNull();
    expect((await run(kernel, "1 +")).outcome).toMatchObject({
      status: "error",
      executionCount: 2,
    });
    const cell = await ok(kernel, "z");
    expect(cell.outcome.executionCount).toBe(3);
    expect(resultText(cell)).toBe("3");
  });

  it("a silent run produces no result", async () => {
    const kernel = await startKernel();
    const cell = await run(kernel, "print('side effect')\n42", { silent: true });
    expect(cell.events.map((event) => event.type)).toEqual(["status", "stream", "done"]);
  });

  it("keeps IPython's history: _, __, ___, _N, Out, In, _i, _ii, _iN", async () => {
    const kernel = await startKernel();
    await ok(kernel, "10");
    await ok(kernel, "20");
    await ok(kernel, "x = 30");
    await ok(kernel, "30");
    const cell = await ok(kernel, "(_, __, ___, _1, _2, Out[4], In[3], _i, _ii, _i2)");
    expect(resultText(cell)).toBe("(30, 20, 10, 10, 20, 30, 'x = 30', '30', 'x = 30', '20')");
    expect(resultText(await ok(kernel, "sorted(Out)"))).toBe("[1, 2, 4, 5]");
  });

  it("runs in one persistent __main__ namespace that pickle can find classes in", async () => {
    const kernel = await startKernel();
    await ok(kernel, "class Point:\n    def __init__(self, x): self.x = x");
    const cell = await ok(
      kernel,
      "import pickle, sys\nprint(__name__, sys.modules['__main__'].Point is Point)\npickle.loads(pickle.dumps(Point(4))).x",
    );
    expect(stream(cell, "stdout")).toBe("__main__ True\n");
    expect(resultText(cell)).toBe("4");
    expect(resultText(await ok(kernel, "import builtins\n__builtins__ is builtins"))).toBe("True");
  });

  it("supports top-level await and keeps one event loop across cells", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      "import asyncio\nasync def double(x):\n    await asyncio.sleep(0.01)\n    return 2 * x",
    );
    expect(resultText(await ok(kernel, "await double(21)"))).toBe("42");
    await ok(kernel, "task = asyncio.ensure_future(double(5))");
    expect(resultText(await ok(kernel, "await task"))).toBe("10");
    const failing = await run(
      kernel,
      "async def boom():\n    raise ValueError('async boom')\nawait boom()",
    );
    expect(failing.outcome.error).toMatchObject({ ename: "ValueError", evalue: "async boom" });
  });

  it("keeps `from __future__` imports for later cells, as IPython does", async () => {
    const kernel = await startKernel();
    await ok(kernel, "from __future__ import annotations");
    const cell = await ok(kernel, "def f(x: NotDefinedAnywhere) -> int: ...\nf.__annotations__");
    expect(resultText(cell)).toBe("{'x': 'NotDefinedAnywhere', 'return': 'int'}");
  });

  it("registers cell sources so inspect.getsource works for functions defined in cells", async () => {
    const kernel = await startKernel();
    await ok(kernel, "def greet(name):\n    return 'hi ' + name");
    const cell = await ok(kernel, "import inspect\nprint(inspect.getsource(greet), end='')");
    expect(stream(cell, "stdout")).toBe("def greet(name):\n    return 'hi ' + name\n");
  });

  describe("sys.path", () => {
    const folder = mkdtempSync(join(tmpdir(), "oprel-worker-path-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it("starts with '' like Jupyter, so notebooks import modules next to them", async () => {
      writeFileSync(join(folder, "neighbour.py"), "VALUE = 'from the notebook folder'\n");
      const kernel = await startKernel({ cwd: folder });
      const cell = await ok(
        kernel,
        "import sys, neighbour\nprint(repr(sys.path[0]))\nneighbour.VALUE",
      );
      expect(stream(cell, "stdout")).toBe("''\n");
      expect(resultText(cell)).toBe("'from the notebook folder'");
      // The rest is the interpreter's own path: the worker's folder is not on it (as in Jupyter).
      const plain = execFileSync(
        "python3",
        ["-c", "import sys, json; print(json.dumps(sys.path[1:]))"],
        {
          cwd: folder,
        },
      );
      const path = await ok(kernel, "import json; print(json.dumps(sys.path[1:]))");
      expect(JSON.parse(stream(path, "stdout"))).toEqual(JSON.parse(plain.toString()));
    });

    it("runs $PYTHONSTARTUP in the namespace before the first cell, as ipykernel does", async () => {
      const startup = join(folder, "startup.py");
      writeFileSync(startup, "STARTED = 'yes'\nprint('printed at start-up')\n");
      const kernel = await startKernel({ cwd: folder, env: { PYTHONSTARTUP: startup } });
      const cell = await ok(kernel, "print(STARTED, '__file__' in globals())\n%who");
      // What the file printed belongs to no cell; its names are hidden from %who like Jupyter's.
      expect(cell.stdout).toBe("yes False\nInteractive namespace is empty.\n");
      const broken = join(folder, "broken-startup.py");
      writeFileSync(broken, "raise RuntimeError('broken start-up')\n");
      const survivor = await startKernel({ cwd: folder, env: { PYTHONSTARTUP: broken } });
      expect(resultText(await ok(survivor, "6 * 7"))).toBe("42");
    });

    it("keeps the worker's own modules when files next to the notebook have their names", async () => {
      const planted = mkdtempSync(join(tmpdir(), "oprel-worker-planted-"));
      try {
        const own = readdirSync(dirname(workerScriptPath())).filter((name) => name.endsWith(".py"));
        expect(own.length).toBeGreaterThan(10);
        for (const name of own) writeFileSync(join(planted, name), "raise SystemExit('planted')\n");
        writeFileSync(join(planted, "oprel_helpers.py"), "VALUE = 'mine'\n");
        const kernel = await startKernel({ cwd: planted });
        await ok(kernel, "%time x = 1");
        await ok(
          kernel,
          "!echo shell\nfrom IPython.display import display\ndisplay({'a': [1, 2]})",
        );
        const failing = await run(kernel, "def f():\n    return 1 / 0\nf()");
        expect(failing.outcome.error?.ename).toBe("ZeroDivisionError");
        const neighbour = await ok(kernel, "import oprel_helpers\noprel_helpers.VALUE");
        expect(resultText(neighbour)).toBe("'mine'");
        expect(await kernel.complete("import oprel_hel", 16)).toMatchObject({
          matches: ["oprel_helpers"],
        });
      } finally {
        rmSync(planted, { recursive: true, force: true });
      }
    });
  });
});
