// The magics real notebooks use that Jupyter's IPython has and oprel once lacked: %%file, %prun,
// %time on a statement that raises, %xmode, %debug and %pdb. Expected texts are IPython 8's, as
// `jupyter nbconvert --execute` records them with Debian's ipykernel.

import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { KernelEvent } from "../../../src/kernel/index.js";
import { errorOf, ok, run, startKernel, stream } from "./helpers.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "oprel-debug-magics-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noControlCharactersInRegex: the colours are what this removes.
const SGR = /\x1b\[[0-9;]*m/g;
const plain = (traceback: string[] | undefined) =>
  (traceback ?? []).map((entry) => entry.replace(SGR, ""));
const errors = (events: KernelEvent[]) =>
  events.filter(
    (event): event is Extract<KernelEvent, { type: "error" }> => event.type === "error",
  );

describe("%%file", () => {
  it("is %%writefile under IPython's other name", async () => {
    const kernel = await startKernel({ cwd: root });
    const cell = await ok(kernel, "%%file helper_module.py\nVALUE = 6 * 7\n");
    expect(cell.stdout).toBe("Writing helper_module.py\n");
    expect(readFileSync(join(root, "helper_module.py"), "utf8")).toBe("VALUE = 6 * 7\n");
    expect((await ok(kernel, "import helper_module\nprint(helper_module.VALUE)")).stdout).toBe(
      "42\n",
    );
  });
});

describe("%prun", () => {
  it("prints cProfile's report sorted by internal time, as IPython's pager shows it", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "def work():\n    return sum(range(1000))\n%prun work()");
    const lines = cell.stdout.split("\n");
    expect(lines[0]).toMatch(/^ {9}\d+ function calls in \d+\.\d{3} seconds$/);
    expect(lines.slice(1, 5)).toEqual([
      "",
      "   Ordered by: internal time",
      "",
      "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)",
    ]);
    expect(cell.stdout).toMatch(/ <cell In\[1\]>:1\(work\)\n/);
    expect(cell.stdout).toMatch(/ <string>:1\(<module>\)\n/);
    expect(cell.stdout).toContain("{built-in method builtins.sum}");
  });

  it("takes -l, -s, -q and -r, and profiles a whole cell with %%prun", async () => {
    const kernel = await startKernel();
    const quiet = await ok(kernel, "stats = %prun -q -r sorted(range(50))\nstats.total_calls > 0");
    expect(quiet.stdout).toBe(" "); // IPython's lone space, which Jupyter records too
    expect(quiet.events.find((event) => event.type === "result")).toMatchObject({
      data: { "text/plain": "True" },
    });
    const limited = await ok(kernel, "%prun -s cumulative -l 1 sorted(range(50))");
    expect(limited.stdout).toContain("   Ordered by: cumulative time\n");
    expect(limited.stdout).toContain("due to restriction <1>");
    const cell = await ok(kernel, "%%prun\nx = sorted(range(50))\ny = len(x)");
    expect(cell.stdout).toContain("{built-in method builtins.sorted}");
    expect(cell.stdout).toContain("{built-in method builtins.len}");
  });
});

describe("%time on a statement that raises", () => {
  it("shows the error as IPython does, prints no times and goes on with the cell", async () => {
    const kernel = await startKernel();
    const cell = await run(kernel, "def f():\n    return 1 / 0\n%time f()\nprint('after')");
    expect(cell.outcome.status).toBe("ok");
    expect(cell.stdout).toBe("after\n");
    const [error] = errors(cell.events);
    expect(error).toMatchObject({ ename: "ZeroDivisionError", evalue: "division by zero" });
    expect(plain(error?.traceback)).toEqual([
      "-".repeat(75),
      `ZeroDivisionError${" ".repeat(25)}Traceback (most recent call last)`,
      "File <timed eval>:1\n",
      "Cell In[1], line 2, in f()\n      1 def f():\n----> 2     return 1 / 0\n",
      "ZeroDivisionError: division by zero",
    ]);
    // The error output comes before what the cell printed after it.
    const kinds = cell.events.map((event) => event.type);
    expect(kinds.indexOf("error")).toBeLessThan(kinds.indexOf("stream"));
  });
});

describe("get_ipython().showtraceback()", () => {
  it("shows the exception being handled as an error output; the cell goes on", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "try:\n    {}['k']\nexcept KeyError:\n    get_ipython().showtraceback()\nprint('went on')",
    );
    expect(cell.outcome.status).toBe("ok");
    expect(cell.stdout).toBe("went on\n");
    expect(errors(cell.events)).toMatchObject([{ ename: "KeyError", evalue: "'k'" }]);
  });
});

describe("%xmode", () => {
  it("switches the traceback layout and says so, as IPython does", async () => {
    const kernel = await startKernel();
    await ok(kernel, "def g(a):\n    b = a + 1\n    return b / 0");
    expect((await ok(kernel, "%xmode Plain")).stdout).toBe("Exception reporting mode: Plain\n");
    expect(plain(errorOf(await run(kernel, "g(1)"))?.traceback)).toEqual([
      "Traceback (most recent call last):\n",
      "  Cell In[3], line 1\n    g(1)\n",
      "  Cell In[1], line 3 in g\n    return b / 0\n",
      "ZeroDivisionError: division by zero\n",
    ]);
    expect((await ok(kernel, "%xmode verbose")).stdout).toBe("Exception reporting mode: Verbose\n");
    const verbose = plain(errorOf(await run(kernel, "g(1)"))?.traceback);
    expect(verbose[3]).toBe(
      "Cell In[1], line 3, in g(a=1)\n      1 def g(a):\n      2     b = a + 1\n----> 3     return b / 0\n        b = 2\n",
    );
    expect((await ok(kernel, "%xmode Minimal")).stdout).toBe("Exception reporting mode: Minimal\n");
    expect(errorOf(await run(kernel, "g(1)"))?.traceback).toEqual([
      "\x1b[0;31mZeroDivisionError\x1b[0m\x1b[0;31m:\x1b[0m division by zero\n",
    ]);
    // No argument: the next mode, round to the first.
    expect((await ok(kernel, "%xmode")).stdout).toBe("Exception reporting mode: Plain\n");
    expect((await ok(kernel, "%xmode Context")).stdout).toBe("Exception reporting mode: Context\n");
    expect(plain(errorOf(await run(kernel, "g(1)"))?.traceback)[0]).toBe("-".repeat(75));
  });
});

describe("%debug and %pdb", () => {
  const refused = "raw_input was called, but this frontend does not support input requests.";

  it("headless (no stdin) raise StdinNotImplementedError, as under Jupyter", async () => {
    const kernel = await startKernel();
    await run(kernel, "def g(a):\n    return a / 0\ng(1)", { allowStdin: false });
    const debug = await run(kernel, "%debug", { allowStdin: false });
    expect(debug.outcome.status).toBe("error");
    expect(errorOf(debug)).toMatchObject({ ename: "StdinNotImplementedError", evalue: refused });
    expect(debug.stdout).toBe("> <cell In[1]>(2)g()\n-> return a / 0\n");
    const on = await ok(kernel, "%pdb", { allowStdin: false });
    expect(on.stdout).toBe("Automatic pdb calling has been turned ON\n");
    const failing = await run(kernel, "g(2)", { allowStdin: false });
    expect(errors(failing.events).map((error) => error.ename)).toEqual([
      "ZeroDivisionError",
      "StdinNotImplementedError",
    ]);
    expect((await ok(kernel, "%pdb off")).stdout).toBe(
      "Automatic pdb calling has been turned OFF\n",
    );
    expect(errors((await run(kernel, "g(3)", { allowStdin: false })).events)).toHaveLength(1);
  });

  it("with stdin, run the real pdb through the stdin request channel", async () => {
    const kernel = await startKernel();
    await run(kernel, "def g(a):\n    b = a * 10\n    return b / 0\ng(4)");
    const commands = ["p b", "p a + 1", "q"];
    const prompts: string[] = [];
    const events: KernelEvent[] = [];
    const outcome = await kernel.execute(
      "%debug",
      (event) => {
        events.push(event);
        if (event.type === "stdin_request") {
          prompts.push(event.prompt);
          kernel.answerInput(event.id, commands.shift() ?? "q");
        }
      },
      { allowStdin: true },
    );
    expect(outcome.status).toBe("ok");
    expect(prompts).toEqual(["(Pdb) ", "(Pdb) ", "(Pdb) "]);
    const printed = stream({ outcome, events, stdout: "" }, "stdout");
    expect(printed).toBe("> <cell In[1]>(3)g()\n-> return b / 0\n40\n5\n");
  });

  it("says there is nothing to debug before any error", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "%debug");
    expect(stream(cell, "stderr")).toBe("No traceback has been produced, nothing to debug.\n");
  });
});
