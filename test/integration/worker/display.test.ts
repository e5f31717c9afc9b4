// Rich display: display(), update_display(), clear_output(), DisplayHandle, IPython's repr protocol,
// IPython-like text/plain, and pandas DataFrames.

import { describe, expect, it } from "vitest";
import {
  displays,
  ok,
  resultData,
  resultText,
  run,
  SYSTEM_PYTHON,
  startKernel,
  stream,
  updates,
} from "../worker-magics/helpers.js";

describe("worker display", () => {
  it("display() sends display_data per object, with metadata; a display_id gives a handle", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "display(1, 'two', metadata={'note': 'x'})",
        "h = display({'a': 1}, display_id=True)",
        "h.update('replaced')",
        "update_display('again', display_id=h.display_id)",
        "display('named', display_id='mine')",
        "h",
      ].join("\n"),
    );
    const shown = displays(cell);
    expect(shown.map((event) => event.data["text/plain"])).toEqual([
      "1",
      "'two'",
      "{'a': 1}",
      "'named'",
    ]);
    expect(shown[0]).toMatchObject({ metadata: { note: "x" }, display_id: null });
    const id = shown[2]?.display_id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(shown[3]?.display_id).toBe("mine");
    expect(updates(cell)).toEqual([
      expect.objectContaining({ display_id: id, data: { "text/plain": "'replaced'" } }),
      expect.objectContaining({ display_id: id, data: { "text/plain": "'again'" } }),
    ]);
    expect(resultText(cell)).toBe(`<DisplayHandle display_id=${id}>`);
  });

  it("clear_output() and display(clear=True) send clear_output events in order", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "print('a')\nclear_output()\ndisplay('b', clear=True)\nclear_output(wait=True)",
    );
    const kinds = cell.events.map((event) =>
      event.type === "clear_output" ? `clear ${event.wait}` : event.type,
    );
    expect(kinds).toEqual([
      "status",
      "stream",
      "clear false",
      "clear true",
      "display",
      "clear true",
      "done",
    ]);
  });

  it("builds MIME bundles from the repr protocol, base64 for binary data, metadata from tuples", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      [
        "class Rich:",
        "    def _repr_html_(self): return '<b>rich</b>'",
        "    def _repr_markdown_(self): return None",
        "    def _repr_png_(self): return b'\\x89PNG'",
        "    def _repr_jpeg_(self): return b'\\xff\\xd8'",
        "    def _repr_svg_(self): return '<svg/>'",
        "    def _repr_json_(self): return {'k': [1, 2]}",
        "    def _repr_latex_(self): return ('$x$', {'note': 1})",
        "    def _repr_javascript_(self): return 'alert(1)'",
        "    def _repr_pdf_(self): return b'%PDF'",
        "    def __repr__(self): return 'Rich()'",
      ].join("\n"),
    );
    const cell = await ok(kernel, "Rich()");
    expect(resultData(cell)).toEqual({
      "text/plain": "Rich()",
      "text/html": "<b>rich</b>",
      "image/png": Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64"),
      "image/jpeg": Buffer.from([0xff, 0xd8]).toString("base64"),
      "image/svg+xml": "<svg/>",
      "application/json": { k: [1, 2] },
      "text/latex": "$x$",
      "application/javascript": "alert(1)",
      "application/pdf": Buffer.from("%PDF").toString("base64"),
    });
    expect(cell.events.find((event) => event.type === "result")).toMatchObject({
      metadata: { "text/latex": { note: 1 } },
    });
    const filtered = await ok(
      kernel,
      "display(Rich(), include=['text/html', 'text/plain'], exclude=['text/plain'])",
    );
    expect(displays(filtered)[0]?.data).toEqual({ "text/html": "<b>rich</b>" });
  });

  it("merges _repr_mimebundle_ with the other repr methods and keeps its metadata", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "class Bundle:",
        "    def _repr_mimebundle_(self, include=None, exclude=None):",
        "        return {'text/html': '<i>b</i>', 'application/vnd.custom+json': {'z': 1}}, {'text/html': {'isolated': True}}",
        "    def _repr_html_(self): return 'not used'",
        "    def _repr_markdown_(self): return '*md*'",
        "    def __repr__(self): return 'Bundle'",
        "Bundle()",
      ].join("\n"),
    );
    expect(resultData(cell)).toEqual({
      "text/plain": "Bundle",
      "text/html": "<i>b</i>",
      "application/vnd.custom+json": { z: 1 },
      "text/markdown": "*md*",
    });
    expect(cell.events.find((event) => event.type === "result")).toMatchObject({
      metadata: { "text/html": { isolated: true } },
    });
  });

  it("turns a JSON object under a non-JSON MIME type into its JSON text, so the notebook stays valid", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "class Odd:",
        "    def _repr_mimebundle_(self, include=None, exclude=None):",
        "        return {'text/plain': 'odd', 'application/x-custom': {'k': 1}, 'application/x-lines': ['a\\n', 'b'],",
        "                'image/x+json': [1, 'é'], 'application/x-thing+json': {'j': 2}, 7: 'seven'}",
        "Odd()",
      ].join("\n"),
    );
    expect(resultData(cell)).toEqual({
      "text/plain": "odd",
      "application/x-custom": '{"k": 1}',
      "application/x-lines": "a\nb",
      "image/x+json": '[1, "é"]',
      "application/x-thing+json": { j: 2 },
      "7": "seven",
    });
    expect(stream(cell, "stderr")).toBe("");
    const raw = await ok(
      kernel,
      "display({'application/x-custom': 5, 'text/plain': 'r'}, raw=True)",
    );
    expect(displays(raw)[0]?.data).toEqual({ "application/x-custom": "5", "text/plain": "r" });
  });

  it("shows an object without its own __repr__ as IPython's pretty printer does", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "class Pic:\n    pass\nclass Sub(Pic):\n    pass\nPic()");
    expect(resultText(cell)).toMatch(/^<__main__\.Pic at 0x[0-9a-f]+>$/);
    expect(resultText(await ok(kernel, "object()"))).toMatch(/^<object at 0x[0-9a-f]+>$/);
    expect(resultText(await ok(kernel, "repr(Sub())"))).toMatch(/^'<__main__\.Sub object at 0x/);
  });

  it("survives a failing repr method: the cell succeeds, text/plain stays, a warning goes to stderr", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "class Broken:\n    def _repr_markdown_(self):\n        return 5\n    def _repr_html_(self):\n        raise RuntimeError('html broke')\n    def __repr__(self):\n        raise ValueError('repr broke')\nBroken()",
    );
    const data = resultData(cell) ?? {};
    expect(Object.keys(data)).toEqual(["text/plain"]);
    expect(String(data["text/plain"])).toMatch(
      /^<__main__\.Broken object at 0x[0-9a-f]+ \(repr failed: ValueError\)>$/,
    );
    const stderr = stream(cell, "stderr");
    expect(stderr).toContain("Error in Broken._repr_html_()");
    expect(stderr).toContain("RuntimeError: html broke");
    expect(stderr).toContain(
      "FormatterWarning: Broken._repr_markdown_() gave an unusable int for text/markdown",
    );
    expect(stderr).not.toMatch(/oprel_\w+\.py/);
  });

  it("never calls repr methods on classes, only on instances", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "class Shown:\n    def _repr_html_(self): return '<b>instance</b>'\nShown",
    );
    expect(resultData(cell)).toEqual({ "text/plain": "__main__.Shown" });
  });

  it("formats text/plain like IPython: wrapped containers, class and function names", async () => {
    const kernel = await startKernel();
    expect(resultText(await ok(kernel, "list(range(30))"))).toBe(
      `[${Array.from({ length: 30 }, (_, i) => String(i)).join(",\n ")}]`,
    );
    expect(resultText(await ok(kernel, "{i: 'x' * i for i in range(8)}"))).toBe(
      "{0: '',\n 1: 'x',\n 2: 'xx',\n 3: 'xxx',\n 4: 'xxxx',\n 5: 'xxxxx',\n 6: 'xxxxxx',\n 7: 'xxxxxxx'}",
    );
    expect(resultText(await ok(kernel, "{'b': 1, 'a': 2}"))).toBe("{'b': 1, 'a': 2}");
    expect(resultText(await ok(kernel, "def g(a, b=2, *args, c, **kw): pass\ng"))).toBe(
      "<function __main__.g(a, b=2, *args, c, **kw)>",
    );
    expect(resultText(await ok(kernel, "int"))).toBe("int");
    const long = resultText(await ok(kernel, "list(range(5000))")) ?? "";
    expect(long.split("\n")).toHaveLength(1001);
    expect(long.endsWith(" 999,\n ...]")).toBe(true);
  });

  it("honours IPython's pretty protocol, _repr_pretty_(p, cycle), with groups, breaks and cycles", async () => {
    const kernel = await startKernel();
    const tree = await ok(
      kernel,
      [
        "class Tree:",
        "    def __init__(self, name, kids=()):",
        "        self.name, self.kids = name, list(kids)",
        "    def _repr_pretty_(self, p, cycle):",
        "        if cycle:",
        "            p.text('Tree(...)')",
        "            return",
        "        with p.group(5, 'Tree(', ')'):",
        "            p.text(repr(self.name))",
        "            for kid in self.kids:",
        "                p.text(',')",
        "                p.breakable()",
        "                p.pretty(kid)",
        "    def __repr__(self): return 'not used'",
        "t = Tree('root', [Tree('a' * 30), Tree('b' * 30, [Tree('c')])])",
        "t.kids.append(t)",
        "t",
      ].join("\n"),
    );
    expect(resultText(tree)).toBe(
      `Tree('root',\n     Tree('${"a".repeat(30)}'),\n     Tree('${"b".repeat(30)}', Tree('c')),\n     Tree(...))`,
    );
    const indented = await ok(
      kernel,
      [
        "class Doc:",
        "    def _repr_pretty_(self, p, cycle):",
        "        p.text('head:')",
        "        with p.indent(4):",
        "            p.break_()",
        "            p.text('body')",
        "            p.break_()",
        "            p.pretty([1, 2])",
        "        p.break_()",
        "        p.text('end')",
        "[Doc()]",
      ].join("\n"),
    );
    expect(resultText(indented)).toBe("[head:\n     body\n     [1,\n      2]\n end]");
  });

  it("prints like IPython.lib.pretty inside containers: classes by name, collections as calls", async () => {
    const kernel = await startKernel();
    expect(
      resultText(
        await ok(kernel, 'frozenset([1]), range(10), {}.keys(), type(None), ValueError("v")'),
      ),
    ).toBe("(frozenset({1}), range(0, 10), dict_keys([]), NoneType, ValueError('v'))");
    const collections = await ok(
      kernel,
      [
        "from collections import Counter, OrderedDict, defaultdict, deque",
        "dd = defaultdict(list)",
        "dd['k'].append(1)",
        "[dd, OrderedDict(a=1), deque([1], maxlen=3), Counter('aab'), defaultdict(int)]",
      ].join("\n"),
    );
    expect(resultText(collections)).toBe(
      "[defaultdict(list, {'k': [1]}),\n OrderedDict([('a', 1)]),\n deque([1], maxlen=3),\n Counter({'a': 2, 'b': 1}),\n defaultdict(int, {})]",
    );
    expect(resultText(await ok(kernel, "import re\n{re.compile('a+', re.I): {3, 1, 2}}"))).toBe(
      "{re.compile(r'a+', re.IGNORECASE|re.UNICODE): {1, 2, 3}}",
    );
  });

  it("shows objects without their own __repr__ as <module.Class at 0x…> inside containers too", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "class Plain:\n    pass\n[Plain(), {'k': (int, Plain)}]");
    expect(resultText(cell)).toMatch(
      /^\[<__main__\.Plain at 0x[0-9a-f]+>, \{'k': \(int, __main__\.Plain\)\}\]$/,
    );
  });

  it("shows a pandas DataFrame as text/plain and text/html", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const cell = await ok(
      kernel,
      "import pandas as pd\npd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})",
    );
    const data = resultData(cell) ?? {};
    expect(data["text/plain"]).toBe("   a  b\n0  1  x\n1  2  y");
    expect(String(data["text/html"])).toContain('<table border="1" class="dataframe">');
  });
});

describe("the Shell offered to magics", () => {
  it("captures stream text, fd output and displays into an object, then lets output through again", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import os, oprel_magics_registry",
        "shell = oprel_magics_registry.shell()",
        "with shell.capture() as captured:",
        "    print('inside')",
        "    os.system('echo from child')",
        "    display('shown inside')",
        "print('outside', repr(captured.stdout), [o.data['text/plain'] for o in captured.outputs])",
        "captured.show()",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe(
      "outside 'inside\\nfrom child\\n' [\"'shown inside'\"]\ninside\nfrom child\n",
    );
    expect(displays(cell).map((event) => event.data["text/plain"])).toEqual(["'shown inside'"]);
  });

  it("runs post-execute hooks before done and reports a failing hook on stderr without failing", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      [
        "import oprel_magics_registry",
        "shell = oprel_magics_registry.shell()",
        "def announce(): print('hook ran')",
        "def broken(): raise RuntimeError('hook broke')",
        "shell.post_execute_hooks += [announce, broken]",
      ].join("\n"),
    );
    const cell = await ok(kernel, "1");
    expect(stream(cell, "stdout")).toContain("hook ran");
    expect(stream(cell, "stderr")).toContain("RuntimeError: hook broke");
    expect(cell.events.at(-1)).toMatchObject({ type: "done", status: "ok" });
  });

  it("runs pre-execute hooks before each non-silent, non-blank cell; a failing hook only warns", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      [
        "import oprel_magics_registry",
        "shell = oprel_magics_registry.shell()",
        "calls = []",
        "def count(): calls.append(shell.execution_count); print('pre', shell.execution_count)",
        "def broken(): raise RuntimeError('pre hook broke')",
        "shell.pre_execute_hooks += [count, broken]",
      ].join("\n"),
    );
    const cell = await ok(kernel, "print('cell'); seen = list(calls)");
    expect(stream(cell, "stdout")).toBe("pre 2\ncell\n");
    expect(stream(cell, "stderr")).toMatch(/^Error in pre-execute hook broken:\n/);
    expect(stream(cell, "stderr")).toContain("RuntimeError: pre hook broke");
    expect(cell.events.at(-1)).toMatchObject({ type: "done", status: "ok" });
    await ok(kernel, "x = 1", { silent: true });
    await ok(kernel, "   \n");
    const failing = await run(kernel, "1 / 0");
    expect(failing.stdout).toBe("pre 3\n");
    expect(stream(await ok(kernel, "print(calls)"), "stdout")).toBe("pre 4\n[2, 3, 4]\n");
  });

  it("run_source runs code in the namespace, returns the trailing value and lets errors propagate", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import oprel_magics_registry",
        "shell = oprel_magics_registry.shell()",
        "value = shell.run_source('a = 20\\na + 1')",
        "quiet = shell.run_source('a;')",
        "try:",
        "    shell.run_source('def f():\\n    return 1 / 0\\nf()')",
        "except ZeroDivisionError as e:",
        "    caught = type(e).__name__",
        "print(value, quiet, a, caught, shell.execution_count, shell.user_ns is globals())",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe("21 None 20 ZeroDivisionError 1 True\n");
    const failing = await run(kernel, "shell.run_source('def g():\\n    raise KeyError(7)\\ng()')");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colours are what this removes.
    const text = (failing.outcome.error?.traceback ?? []).join("\n").replace(/\x1b\[[0-9;]*m/g, "");
    expect(text.split("\n")).toContain("----> 3 g()");
    expect(text.split("\n")).toContain("----> 2     raise KeyError(7)");
    expect(text).not.toMatch(/oprel_\w+\.py/);
  });
});
