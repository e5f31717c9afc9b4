// Line and cell magics in real workers (PATH python3, no IPython installed).

import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  displays,
  errorOf,
  ok,
  resultText,
  run,
  startKernel,
  stream,
  usageError,
} from "./helpers.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "oprel-magics-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TIME =
  /^CPU times: user \S+ [nµm]?s, sys: \S+ [nµm]?s, total: \S+ [nµm]?s\nWall time: \S+ [nµm]?s\n$/;
// IPython's summary line, after the warning it prints when runs vary a lot (as on a loaded machine)
// and before the compile time it reports when compiling took over 0.1 s.
const TIMEIT = (runs: string, loops: string) =>
  new RegExp(
    "^(The slowest run took \\S+ times longer than the fastest\\. This could mean that an intermediate result is being cached\\.\\n)?" +
      `\\S+ [nµm]?s ± \\S+ [nµm]?s per loop \\(mean ± std\\. dev\\. of ${runs}, ${loops} each\\)\\n` +
      "(Compiler time: \\S+ s\\n)?$",
  );

describe("directory and environment magics", () => {
  it("%cd changes the folder and prints it, %cd - goes back, %pwd returns it", async () => {
    const kernel = await startKernel({ cwd: root });
    const cd = await ok(kernel, "%cd /tmp");
    expect(cd.stdout).toBe("/tmp\n");
    expect(resultText(await ok(kernel, "%pwd"))).toBe("'/tmp'");
    expect((await ok(kernel, "!pwd")).stdout).toBe("/tmp\n");
    expect((await ok(kernel, "%cd -")).stdout).toBe(`${root}\n`);
    expect(resultText(await ok(kernel, "import os; os.getcwd()"))).toBe(`'${root}'`);
    // IPython reports a missing folder and carries on.
    expect((await ok(kernel, "%cd /no/such/dir")).stdout).toMatch(/No such file or directory/);
  });

  it("%env lists, reads and sets variables (both spellings), seen by child processes", async () => {
    const kernel = await startKernel({ env: { OPREL_SECRET_TOKEN: "s3cret" } });
    expect((await ok(kernel, "%env OPREL_A=one")).stdout).toBe("env: OPREL_A=one\n");
    expect((await ok(kernel, "%env OPREL_B two words")).stdout).toBe("env: OPREL_B=two words\n");
    expect(resultText(await ok(kernel, "%env OPREL_A"))).toBe("'one'");
    expect((await ok(kernel, "!echo $$OPREL_B")).stdout).toBe("two words\n");
    const all = await ok(kernel, "e = %env\nprint(e['OPREL_A'], e['OPREL_SECRET_TOKEN'])");
    expect(all.stdout).toBe("one <hidden>\n");
    const missing = await run(kernel, "%env OPREL_NOT_SET");
    expect(usageError(missing)).toBe("Environment does not have key: OPREL_NOT_SET");
  });
});

describe("timing magics", () => {
  it("%time prints CPU and wall times and returns the expression's value", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "%time sum(range(1000))");
    expect(cell.stdout).toMatch(TIME);
    expect(resultText(cell)).toBe("499500");
    await ok(kernel, "def f():\n    y = 20\n    z = %time y + 1\n    return z");
    expect(resultText(await ok(kernel, "f()"))).toBe("21");
  });

  it("%%time runs the whole cell, keeps its names and shows its last value", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "%%time\nimport time\nx = 6\ntime.sleep(0.01)\nx * 7");
    expect(cell.stdout).toMatch(TIME);
    expect(resultText(cell)).toBe("42");
    expect(resultText(await ok(kernel, "x"))).toBe("6");
    const failing = await run(kernel, "%%time\na = 1\nraise ValueError('inside')");
    expect(errorOf(failing)).toMatchObject({ ename: "ValueError", evalue: "inside" });
  });

  it("%timeit and %%timeit print IPython's summary line, with -n -r and automatic loops", async () => {
    const kernel = await startKernel();
    await ok(kernel, "data = list(range(100))");
    const fixed = await ok(kernel, "%timeit -n 100 -r 3 sorted(data)");
    expect(fixed.stdout).toMatch(TIMEIT("3 runs", "100 loops"));
    const auto = await ok(kernel, "%timeit -r 1 sum(range(2000))");
    expect(auto.stdout).toMatch(TIMEIT("1 run", "(1|10|100|1,000|10,000|100,000) loops?"));
    const cell = await ok(kernel, "%%timeit -n 5 -r 2 local = data[::-1]\nsorted(local)");
    expect(cell.stdout).toMatch(TIMEIT("2 runs", "5 loops"));
    await ok(kernel, "r = %timeit -o -q -n 4 -r 2 1 + 1");
    expect(
      resultText(await ok(kernel, "(r.loops, r.repeat, len(r.all_runs), r.best <= r.worst)")),
    ).toBe("(4, 2, 2, True)");
  });
});

describe("cell magics", () => {
  it("%%bash and %%sh run the body; a non-zero exit fails like IPython's CalledProcessError", async () => {
    const kernel = await startKernel();
    const bash = await ok(kernel, "%%bash\nfor i in 1 2; do echo bash $i; done\necho e >&2");
    expect(bash.stdout).toBe("bash 1\nbash 2\n");
    expect(stream(bash, "stderr")).toBe("e\n");
    expect((await ok(kernel, "%%sh\necho from sh")).stdout).toBe("from sh\n");
    const failing = await run(kernel, "%%bash\necho before\nexit 3");
    expect(failing.stdout).toBe("before\n");
    expect(errorOf(failing)).toMatchObject({
      ename: "CalledProcessError",
      evalue: "Command 'b'echo before\\nexit 3\\n'' returned non-zero exit status 3.",
    });
    expect((await ok(kernel, "%%script sh -c 'cat; echo argv'\necho body")).stdout).toBe(
      "echo body\nargv\n",
    );
    expect((await ok(kernel, "%%python3\nprint(6 * 7)")).stdout).toBe("42\n");
    await ok(kernel, "%%bash --out captured\necho kept");
    expect(resultText(await ok(kernel, "captured"))).toBe("'kept\\n'");
  });

  it("%%writefile writes, overwrites and appends, saying which", async () => {
    const kernel = await startKernel({ cwd: root });
    const file = join(root, "written.py");
    expect((await ok(kernel, "%%writefile written.py\nprint('hi')")).stdout).toBe(
      "Writing written.py\n",
    );
    expect(readFileSync(file, "utf8")).toBe("print('hi')\n");
    expect((await ok(kernel, "%%writefile written.py\nx = 1\n")).stdout).toBe(
      "Overwriting written.py\n",
    );
    expect((await ok(kernel, "%%writefile -a written.py\ny = 2")).stdout).toBe(
      "Appending to written.py\n",
    );
    expect(readFileSync(file, "utf8")).toBe("x = 1\ny = 2\n");
    await ok(kernel, "target = 'other.txt'");
    await ok(kernel, "%%writefile {target}\ninterpolated name");
    expect(readFileSync(join(root, "other.txt"), "utf8")).toBe("interpolated name\n");
  });

  it("%%capture shows nothing and keeps stdout, stderr and displays in the variable", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "%%capture cap\nimport sys\nprint('out')\nprint('err', file=sys.stderr)\n!echo child\n" +
        "display({'k': 1})\n40 + 2",
    );
    expect(cell.events.filter((e) => !["status", "done"].includes(e.type))).toEqual([]);
    const shown = await ok(kernel, "print(repr(cap.stdout), repr(cap.stderr), len(cap.outputs))");
    expect(shown.stdout).toBe("'out\\nchild\\n' 'err\\n' 2\n");
    const replay = await ok(kernel, "cap.show()");
    expect(replay.stdout).toBe("out\nchild\n");
    expect(stream(replay, "stderr")).toBe("err\n");
    expect(displays(replay).map((d) => d.data["text/plain"])).toEqual(["{'k': 1}", "42"]);
    const through = await ok(kernel, "%%capture --no-stdout\nprint('visible')\ndisplay('hidden')");
    expect(through.stdout).toBe("visible\n");
    expect(displays(through)).toEqual([]);
  });

  it("a CapturedIO prints as its stdout and shows as IPython's, also in %whos", async () => {
    const kernel = await startKernel();
    await ok(kernel, "%%capture cap\nprint('line one')\nprint('line two')");
    expect((await ok(kernel, "print(cap)")).stdout).toBe("line one\nline two\n\n");
    const address = /^<IPython\.utils\.capture\.CapturedIO( object)? at 0x[0-9a-f]+>$/;
    expect(resultText(await ok(kernel, "cap"))).toMatch(address);
    expect(resultText(await ok(kernel, "cap"))).not.toContain(" object ");
    expect(resultText(await ok(kernel, "repr(cap)"))?.slice(1, -1)).toMatch(address);
    expect(resultText(await ok(kernel, "repr(cap)"))).toContain(" object at ");
    const whos = await ok(kernel, "%whos");
    expect(whos.stdout).toContain("cap        CapturedIO    line one\\nline two\\n\n");
  });

  it("%%html, %%markdown, %%latex, %%javascript and %%svg display the body", async () => {
    const kernel = await startKernel();
    const html = await ok(kernel, "%%html\n<b>bold</b>");
    expect(displays(html)[0]?.data).toEqual({
      "text/html": "<b>bold</b>\n",
      "text/plain": "<IPython.core.display.HTML object>",
    });
    const md = await ok(kernel, "%%markdown\n# Title");
    expect(displays(md)[0]?.data["text/markdown"]).toBe("# Title\n");
    const svg = await ok(kernel, '%%svg\n<?xml version="1.0"?>\n<svg width="1"></svg>');
    expect(displays(svg)[0]?.data["image/svg+xml"]).toBe('<svg width="1"/>');
  });
});

describe("accepted and unknown magics", () => {
  it("accepts %matplotlib, %load_ext autoreload, %autoreload and %config", async () => {
    const kernel = await startKernel();
    for (const line of ["%matplotlib inline", "%load_ext autoreload", "%autoreload 2"]) {
      const cell = await ok(kernel, line);
      expect(cell.events.filter((e) => e.type === "stream")).toEqual([]);
    }
    expect((await ok(kernel, "%load_ext autoreload")).stdout).toMatch(/already loaded/);
    const config = await ok(kernel, "%config Completer.use_jedi = False");
    expect(stream(config, "stderr")).toMatch(/%config Completer.use_jedi = False has no effect/);
  });

  it("reloads a module changed by a cell when %autoreload 2 is on", async () => {
    const kernel = await startKernel({ cwd: root });
    writeFileSync(join(root, "reloaded_mod.py"), "def f():\n    return 1\n");
    await ok(kernel, "%load_ext autoreload\n%autoreload 2\nfrom reloaded_mod import f");
    expect(resultText(await ok(kernel, "f()"))).toBe("1");
    await ok(kernel, "%%writefile reloaded_mod.py\ndef f():\n    return 2\n");
    expect(resultText(await ok(kernel, "f()"))).toBe("2");
  });

  it("%autoreload 2 reloads a module edited on disk between cells before the next cell runs", async () => {
    // Bytecode caching on, as on most machines: the .pyc must not outlive the edit.
    const kernel = await startKernel({ cwd: root, env: { PYTHONDONTWRITEBYTECODE: undefined } });
    const path = join(root, "edited_mod.py");
    // Both versions get the same size and mtimes within one second: the .pyc's check (whole
    // seconds and size) then takes the edit for the old source, which must not matter.
    const second = Math.floor(Date.now() / 1000) - 10;
    writeFileSync(path, "def f():\n    return 'old'\n");
    utimesSync(path, second + 0.1, second + 0.1);
    await ok(kernel, "%load_ext autoreload\n%autoreload 2");
    await ok(kernel, "import edited_mod\nfrom edited_mod import f");
    expect(existsSync(join(root, "__pycache__"))).toBe(true);
    writeFileSync(path, "def f():\n    return 'new'\n");
    utimesSync(path, second + 0.6, second + 0.6);
    const cell = await ok(kernel, "edited_mod.f(), f()");
    expect(resultText(cell)).toBe("('new', 'new')");
    await ok(kernel, "%autoreload 0");
    writeFileSync(path, "def f():\n    return 'off'\n");
    expect(resultText(await ok(kernel, "f()"))).toBe("'new'");
  });

  it("names an unknown magic in IPython's words, on one stderr line as IPython shows a UsageError", async () => {
    const kernel = await startKernel();
    expect(usageError(await run(kernel, "%nosuchmagic 1"))).toBe(
      "Line magic function `%nosuchmagic` not found.",
    );
    expect(usageError(await run(kernel, "%%nosuchmagic\nbody"))).toBe(
      "Cell magic `%%nosuchmagic` not found.",
    );
    expect(usageError(await run(kernel, "%bash echo"))).toBe(
      "Line magic function `%bash` not found (But cell magic `%%bash` exists, did you mean that instead?).",
    );
    expect(usageError(await run(kernel, "x = 1\n%%time"))).toBe(
      "%%time is a cell magic, but the cell body is empty. Did you mean the line magic %time (single %)?",
    );
    // The lines before the magic ran, their output comes first, and the cell counts, as in IPython.
    const partial = await run(kernel, "print('before')\n%nosuchmagic");
    expect(partial.stdout).toBe("before\n");
    expect(usageError(partial)).toBe("Line magic function `%nosuchmagic` not found.");
    expect(partial.outcome.executionCount).toBe(5);
    // A UsageError raised by the notebook itself is shown the same way.
    const own = await run(
      kernel,
      "from IPython.core.error import UsageError\nraise UsageError('own')",
    );
    expect(usageError(own)).toBe("own");
  });
});

describe("package managers and the rest", () => {
  it("%pip runs the worker's own interpreter's pip and says a restart may be needed", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "%pip --version");
    const pipDir = resultText(await ok(kernel, "import os, pip; os.path.dirname(pip.__file__)"));
    expect(cell.stdout).toContain(`from ${pipDir?.slice(1, -1)} `);
    expect(cell.stdout).toMatch(
      /\nNote: you may need to restart the kernel to use updated packages\.\n$/,
    );
  });

  it("%conda refuses outside a conda environment, as IPython does", async () => {
    const kernel = await startKernel();
    expect(errorOf(await run(kernel, "%conda list"))?.evalue).toMatch(
      /does not appear to be a conda environment/,
    );
  });

  it("%who, %whos and %reset -f see only the notebook's own names", async () => {
    const kernel = await startKernel();
    await ok(kernel, "alpha = 1\nbeta = [1, 2]\n_private = 3");
    expect((await ok(kernel, "%who")).stdout).toBe("alpha\t beta\t \n");
    const whos = await ok(kernel, "%whos");
    expect(whos.stdout).toBe(
      "Variable   Type    Data/Info\n----------------------------\nalpha      int     1\nbeta       list    n=2\n",
    );
    await ok(kernel, "%reset -f");
    expect((await ok(kernel, "%who")).stdout).toBe("Interactive namespace is empty.\n");
  });

  it("%run runs a script as __main__ with its arguments and keeps its names", async () => {
    const kernel = await startKernel({ cwd: root });
    writeFileSync(
      join(root, "script.py"),
      "import sys\nresult = sys.argv[1:]\nprint(__name__, result)\n",
    );
    const cell = await ok(kernel, "%run script.py one 'two words'");
    expect(cell.stdout).toBe("__main__ ['one', 'two words']\n");
    expect(resultText(await ok(kernel, "result"))).toBe("['one', 'two words']");
  });

  it("obj? prints the signature and docstring", async () => {
    const kernel = await startKernel();
    await ok(kernel, "def greet(name, punct='!'):\n    'Say hello.'\n    return name");
    const cell = await ok(kernel, "greet?");
    expect(cell.stdout).toMatch(/^Signature: greet\(name, punct='!'\)\nDocstring: Say hello\.\n/);
    expect(cell.stdout).toMatch(/Type: +function\n$/);
    const source = await ok(kernel, "greet??");
    expect(source.stdout).toMatch(
      /^Signature: greet\(name, punct='!'\)\nSource: +\ndef greet\(name/,
    );
  });

  it("get_ipython() offers the magics, system calls and the namespace", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "ip = get_ipython()",
        "print(ip is get_ipython(), ip.user_ns is globals(), ip.config, ip.kernel)",
        "ip.run_line_magic('env', 'OPREL_IP=yes')",
        "ip.system('echo $OPREL_IP')",
        "print(ip.getoutput('echo a; echo b'))",
        "ip.run_cell_magic('bash', '', 'echo cell')",
        "from IPython import get_ipython as g2",
        "print(g2() is ip)",
      ].join("\n"),
    );
    expect(cell.stdout).toBe("True True {} None\nenv: OPREL_IP=yes\nyes\n['a', 'b']\ncell\nTrue\n");
  });
});
