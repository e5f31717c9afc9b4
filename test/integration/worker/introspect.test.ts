// Completion, inspection, namespace summary and syntax check, answered even while a cell runs.

import { describe, expect, it } from "vitest";
import { ok, run, SYSTEM_PYTHON, startKernel } from "../worker-magics/helpers.js";

describe("worker introspection", () => {
  it("completes names from the namespace, builtins and keywords", async () => {
    const kernel = await startKernel();
    await ok(kernel, "my_value = 1\nmy_other = 2\n_private = 3");
    expect(await kernel.complete("x = my_", 7)).toEqual({
      matches: ["my_other", "my_value"],
      cursor_start: 4,
      cursor_end: 7,
    });
    expect((await kernel.complete("pri", 3)).matches).toContain("print");
    expect((await kernel.complete("whi", 3)).matches).toContain("while");
    expect((await kernel.complete("_pri", 4)).matches).toContain("_private");
    expect((await kernel.complete("my_", 3)).matches).not.toContain("_private");
  });

  it("takes and gives JavaScript string positions when an emoji comes before the cursor", async () => {
    const kernel = await startKernel();
    await ok(kernel, "my_value = 1");
    const code = 'label = "🎉"; x = my_';
    expect(await kernel.complete(code, code.length)).toEqual({
      matches: ["my_value"],
      cursor_start: code.length - 3,
      cursor_end: code.length,
    });
    const inspected = await kernel.inspect('s = "🎉"; len', 'x = "🎉"; len'.length);
    expect(inspected.found).toBe(true);
  });

  it("completes attributes after a dot without calling anything", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      "import os\nclass Counter:\n    calls = 0\n    def bump(self):\n        Counter.calls += 1\n        return self\nc = Counter()",
    );
    expect(await kernel.complete("os.path.jo", 10)).toEqual({
      matches: ["join"],
      cursor_start: 8,
      cursor_end: 10,
    });
    expect((await kernel.complete("c.bu", 4)).matches).toEqual(["bump"]);
    expect((await kernel.complete("c.bump().bu", 11)).matches).toEqual([]);
    const calls = await run(kernel, "Counter.calls");
    expect(calls.events.find((event) => event.type === "result")).toMatchObject({
      data: { "text/plain": "0" },
    });
  });

  it("completes module names after import, dict keys inside brackets, and ignores comments", async () => {
    const kernel = await startKernel();
    await ok(kernel, "import collections\nconfig = {'alpha': 1, 'beta': 2}");
    expect((await kernel.complete("import collec", 13)).matches).toContain("collections");
    expect((await kernel.complete("from collections import Ord", 27)).matches).toEqual([
      "OrderedDict",
    ]);
    expect(await kernel.complete("config['al", 10)).toEqual({
      matches: ["alpha"],
      cursor_start: 8,
      cursor_end: 10,
    });
    expect((await kernel.complete("x = 1  # conf", 13)).matches).toEqual([]);
  });

  it("inspects the name at the cursor, or the function whose call holds it", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      "import os\ndef area(width, height=2):\n    'Width times height.'\n    return width * height",
    );
    const inspected = await kernel.inspect("area(3, ", 8);
    expect(inspected.found).toBe(true);
    expect(inspected.data["text/plain"]).toBe(
      "Signature: area(width, height=2)\nDocstring:\nWidth times height.\nType:      function",
    );
    const library = await kernel.inspect("import os\nos.path.join", 22);
    expect(String(library.data["text/plain"])).toMatch(
      /^Signature: os\.path\.join\(a, \*p\)\nDocstring:\nJoin two or more/,
    );
    expect(String(library.data["text/plain"])).toMatch(/\nFile: +.*posixpath\.py\n/);
    const source = await kernel.inspect("area", 4, 1);
    expect(String(source.data["text/plain"])).toContain("Source:\ndef area(width, height=2):");
    expect(await kernel.inspect("no_such_name", 5)).toEqual({ found: false, data: {} });
  });

  it("summarizes user variables only, with type, preview, shape and length", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      [
        "import os, json",
        "numbers = list(range(100))",
        "text = 'x' * 500",
        "class Grid:",
        "    shape = (3, 4)",
        "grid = Grid()",
        "def helper(): pass",
        "_hidden = 1",
      ].join("\n"),
    );
    const { variables } = await kernel.namespace();
    expect(variables.map((variable) => variable.name)).toEqual([
      "numbers",
      "text",
      "Grid",
      "grid",
      "helper",
    ]);
    const byName = Object.fromEntries(variables.map((variable) => [variable.name, variable]));
    expect(byName.numbers).toMatchObject({ type: "list", length: 100 });
    expect(byName.numbers?.preview.startsWith("[0, 1, 2")).toBe(true);
    expect(byName.text?.preview.length).toBeLessThanOrEqual(80);
    expect(byName.grid).toMatchObject({ type: "Grid", shape: [3, 4] });
    expect(byName.helper).toMatchObject({
      type: "function",
      preview: "<function __main__.helper()>",
    });
  });

  it("gives DataFrame columns with their dtypes and array shapes", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    await ok(
      kernel,
      "import pandas as pd, numpy as np\ndf = pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})\narr = np.zeros((2, 5))",
    );
    const { variables } = await kernel.namespace();
    expect(variables.find((variable) => variable.name === "df")).toMatchObject({
      type: "DataFrame",
      shape: [2, 2],
      length: 2,
      columns: [
        { name: "a", dtype: "int64" },
        { name: "b", dtype: "object" },
      ],
    });
    expect(variables.find((variable) => variable.name === "arr")).toMatchObject({
      type: "ndarray",
      shape: [2, 5],
    });
  });

  it("checks syntax without running, accepting IPython syntax and top-level await", async () => {
    const kernel = await startKernel();
    expect(await kernel.checkSyntax("x = (1,")).toEqual({
      ok: false,
      message: "'(' was never closed",
      line: 1,
      column: 5,
    });
    expect(await kernel.checkSyntax("a = 1\n  b = 2")).toMatchObject({ ok: false, line: 2 });
    expect(await kernel.checkSyntax("return 1")).toMatchObject({
      ok: false,
      message: "'return' outside function",
    });
    for (const code of [
      "!ls -l",
      "%time x = 1",
      "%%bash\necho hi",
      "await thing()",
      "print('never run')",
    ]) {
      expect(await kernel.checkSyntax(code), code).toEqual({ ok: true });
    }
    const quiet = await run(kernel, "1");
    expect(quiet.events.some((event) => event.type === "stream")).toBe(false);
  });

  it("answers while a cell is running", async () => {
    const kernel = await startKernel();
    await ok(kernel, "ready_value = 1");
    const running = run(kernel, "import time\ntime.sleep(1.5)");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    const completion = await kernel.complete("ready_v", 7);
    const syntax = await kernel.checkSyntax("'\\d'");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(completion.matches).toEqual(["ready_value"]);
    expect(syntax).toEqual({ ok: true });
    const cell = await running;
    expect(cell.outcome.status).toBe("ok");
    expect(cell.events.some((event) => event.type === "stream")).toBe(false);
  });
});
