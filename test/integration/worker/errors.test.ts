// Errors as Jupyter shows them: ename, evalue, plain traceback lines with the cell's lines and the
// library frames, and never a frame of the worker itself.

import { describe, expect, it } from "vitest";
import { errorOf, ok, run, startKernel } from "../worker-magics/helpers.js";

const ESC = String.fromCharCode(27);

function expectClean(traceback: string[]): void {
  for (const line of traceback) {
    expect(line).not.toContain(ESC);
    expect(line).not.toContain("\n");
    expect(line).not.toMatch(/oprel_\w+\.py/);
  }
}

describe("worker errors", () => {
  it("shows the cell's lines as 'Cell In[n], line n' and library frames, without worker frames", async () => {
    const kernel = await startKernel();
    await ok(kernel, "x = 1");
    const cell = await run(
      kernel,
      "import json\ndef parse(text):\n    return json.loads(text)\nparse('{bad')",
    );
    expect(cell.outcome.status).toBe("error");
    const error = errorOf(cell);
    expect(error).toMatchObject({
      ename: "JSONDecodeError",
      evalue: "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    });
    const traceback = error?.traceback ?? [];
    expectClean(traceback);
    expect(traceback[0]).toBe("-".repeat(75));
    expect(traceback[1]).toMatch(/^JSONDecodeError {2,}Traceback \(most recent call last\)$/);
    expect(traceback).toContain("Cell In[2], line 4");
    expect(traceback).toContain("----> 4 parse('{bad')");
    expect(traceback).toContain("Cell In[2], line 3, in parse(text)");
    expect(traceback).toContain("----> 3     return json.loads(text)");
    expect(
      traceback.some((line) => /^File .*json\/__init__\.py:\d+, in loads\(s, /.test(line)),
    ).toBe(true);
    expect(traceback.at(-1)).toBe(
      "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    );
    expect(cell.events.at(-1)).toMatchObject({ type: "done", status: "error", execution_count: 2 });
  });

  it("points a SyntaxError at its line and column with a caret", async () => {
    const kernel = await startKernel();
    const cell = await run(kernel, "a = 1\nb = a +* 2");
    const error = errorOf(cell);
    expect(error?.ename).toBe("SyntaxError");
    expect(error?.evalue).toBe("invalid syntax (Cell In[1], line 2)");
    expect(error?.traceback).toEqual([
      "  Cell In[1], line 2",
      "    b = a +* 2",
      "           ^",
      "SyntaxError: invalid syntax",
    ]);
    const indent = errorOf(await run(kernel, "if True:\nx = 1"));
    expect(indent?.ename).toBe("IndentationError");
    expect(indent?.traceback).toEqual([
      "  Cell In[2], line 2",
      "    x = 1",
      "    ^",
      "IndentationError: expected an indented block after 'if' statement on line 1",
    ]);
  });

  it("reports SystemExit as an error and stays alive with its namespace", async () => {
    const kernel = await startKernel();
    await ok(kernel, "kept = 'yes'");
    const cell = await run(kernel, "import sys\nsys.exit(3)");
    expect(cell.outcome.status).toBe("error");
    expect(errorOf(cell)).toMatchObject({
      ename: "SystemExit",
      evalue: "3",
      traceback: [
        "An exception has occurred, use %tb to see the full traceback.",
        "",
        "SystemExit: 3",
      ],
    });
    expect(errorOf(await run(kernel, "exit()"))?.ename).toBe("SystemExit");
    const after = await ok(kernel, "kept");
    expect(after.events.find((event) => event.type === "result")).toMatchObject({
      data: { "text/plain": "'yes'" },
    });
  });

  it("survives deep recursion and collapses the repeated frames", async () => {
    const kernel = await startKernel();
    const cell = await run(kernel, "def down(n):\n    return down(n + 1)\ndown(0)");
    const error = errorOf(cell);
    expect(error?.ename).toBe("RecursionError");
    expectClean(error?.traceback ?? []);
    expect(
      error?.traceback.some((line) =>
        /\[\.\.\. skipping similar frames: down at line 2 \(\d+ times\)\]/.test(line),
      ),
    ).toBe(true);
    expect(error?.traceback.length).toBeLessThan(40);
    await ok(kernel, "1");
  });

  it("survives an exception whose __str__ raises", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "class Weird(Exception):\n    def __str__(self):\n        raise ValueError('no str')\nraise Weird()",
    );
    expect(errorOf(cell)).toMatchObject({ ename: "Weird", evalue: "<exception str() failed>" });
    expect(errorOf(cell)?.traceback.at(-1)).toBe("Weird: <exception str() failed>");
  });

  it("shows chained exceptions oldest first, with Python's link sentences", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    raise KeyError('k') from e",
    );
    const traceback = errorOf(cell)?.traceback ?? [];
    expect(errorOf(cell)).toMatchObject({ ename: "KeyError", evalue: "'k'" });
    const cause = traceback.indexOf(
      "The above exception was the direct cause of the following exception:",
    );
    expect(traceback.indexOf("ZeroDivisionError: division by zero")).toBeLessThan(cause);
    expect(traceback.at(-1)).toBe("KeyError: 'k'");
    const context = await run(kernel, "try:\n    {}['a']\nexcept KeyError:\n    None + 1");
    expect(errorOf(context)?.traceback).toContain(
      "During handling of the above exception, another exception occurred:",
    );
  });

  it("shows the members of an exception group", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "raise ExceptionGroup('several', [ValueError('v'), TypeError('t')])",
    );
    const error = errorOf(cell);
    expect(error).toMatchObject({ ename: "ExceptionGroup", evalue: "several (2 sub-exceptions)" });
    expect(error?.traceback).toEqual(
      expect.arrayContaining([
        "ExceptionGroup: several (2 sub-exceptions)",
        "  | ValueError: v",
        "  | TypeError: t",
      ]),
    );
    await ok(kernel, "1");
  });

  it("does not let a cell that fails mid-output lose the output before the error", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "import os\nprint('one')\nos.system('echo two')\nraise RuntimeError('three')",
    );
    const order: string[] = [];
    for (const event of cell.events) {
      // Stream events may arrive split; join neighbours to compare the text as a whole.
      if (event.type === "stream" && cell.events[cell.events.indexOf(event) - 1]?.type === "stream")
        order[order.length - 1] += event.text;
      else
        order.push(
          event.type === "stream" ? event.text : event.type === "error" ? event.evalue : event.type,
        );
    }
    expect(order).toEqual(["status", "one\ntwo\n", "three", "done"]);
  });
});
