// Errors as Jupyter shows them: ename, evalue, and IPython's traceback entries (ANSI colours, one
// entry per frame) with the cell's lines and the library frames, never a frame of the worker itself.

import { describe, expect, it } from "vitest";
import { errorOf, ok, run, startKernel } from "../worker-magics/helpers.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what this removes.
const SGR = /\x1b\[[0-9;]*m/g;

/** The entries without colour: what a reader of the text sees. */
function plain(traceback: string[]): string[] {
  return traceback.map((entry) => entry.replace(SGR, ""));
}

function expectClean(traceback: string[]): void {
  for (const entry of traceback) expect(entry).not.toMatch(/oprel_\w+\.py/);
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
    // IPython's entries: the rule, the heading, one entry per frame (its lines inside), the error.
    expect(traceback[0]).toBe(`\x1b[0;31m${"-".repeat(75)}\x1b[0m`);
    expect(traceback[1]).toBe(
      `\x1b[0;31mJSONDecodeError\x1b[0m${" ".repeat(27)}Traceback (most recent call last)`,
    );
    // The cell's frames, coloured and highlighted as IPython's (pygments) output is.
    expect(traceback[2]).toBe(
      [
        "Cell \x1b[0;32mIn[2], line 4\x1b[0m",
        "\x1b[1;32m      2\x1b[0m \x1b[38;5;28;01mdef\x1b[39;00m \x1b[38;5;21mparse\x1b[39m(text):",
        "\x1b[1;32m      3\x1b[0m     \x1b[38;5;28;01mreturn\x1b[39;00m json\x1b[38;5;241m.\x1b[39mloads(text)",
        "\x1b[0;32m----> 4\x1b[0m \x1b[43mparse\x1b[49m\x1b[43m(\x1b[49m\x1b[38;5;124;43m'\x1b[39;49m\x1b[38;5;124;43m{bad\x1b[39;49m\x1b[38;5;124;43m'\x1b[39;49m\x1b[43m)\x1b[49m",
        "",
      ].join("\n"),
    );
    const text = plain(traceback);
    expect(text[3]).toBe(
      "Cell In[2], line 3, in parse(text)\n      2 def parse(text):\n----> 3     return json.loads(text)\n",
    );
    expect(
      text.slice(4, -1).every((entry) => /^File .*json\/\S+\.py:\d+, in \S+\(/.test(entry)),
    ).toBe(true);
    expect(traceback.at(-1)).toBe(
      "\x1b[0;31mJSONDecodeError\x1b[0m: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    );
    expect(cell.events.at(-1)).toMatchObject({ type: "done", status: "error", execution_count: 2 });
  });

  it("points a SyntaxError at its line and column with a caret", async () => {
    const kernel = await startKernel();
    const cell = await run(kernel, "a = 1\nb = a +* 2");
    const error = errorOf(cell);
    expect(error?.ename).toBe("SyntaxError");
    expect(error?.evalue).toBe("invalid syntax (Cell In[1], line 2)");
    // One entry, as IPython sends it.
    expect(error?.traceback).toEqual([
      "\x1b[0;36m  Cell \x1b[0;32mIn[1], line 2\x1b[0;36m\x1b[0m\n\x1b[0;31m    b = a +* 2\x1b[0m\n\x1b[0m           ^\x1b[0m\n\x1b[0;31mSyntaxError\x1b[0m\x1b[0;31m:\x1b[0m invalid syntax\n",
    ]);
    const indent = errorOf(await run(kernel, "if True:\nx = 1"));
    expect(indent?.ename).toBe("IndentationError");
    expect(plain(indent?.traceback ?? [])).toEqual([
      "  Cell In[2], line 2\n    x = 1\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n",
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
        "An exception has occurred, use %tb to see the full traceback.\n",
        "\x1b[0;31mSystemExit\x1b[0m\x1b[0;31m:\x1b[0m 3\n",
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
    const skipping = error?.traceback.find((entry) => entry.includes("skipping similar frames"));
    expect(skipping?.replace(/\d+ times/, "N times")).toBe(
      "    \x1b[0;31m[... skipping similar frames: down at line 2 (N times)]\x1b[0m\n",
    );
    expect(error?.traceback.length).toBeLessThan(10);
    await ok(kernel, "1");
  });

  it("survives an exception whose __str__ raises", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "class Weird(Exception):\n    def __str__(self):\n        raise ValueError('no str')\nraise Weird()",
    );
    expect(errorOf(cell)).toMatchObject({ ename: "Weird", evalue: "<exception str() failed>" });
    expect(plain(errorOf(cell)?.traceback ?? []).at(-1)).toBe("Weird: <exception str() failed>");
  });

  it("shows chained exceptions oldest first, with Python's link sentences", async () => {
    const kernel = await startKernel();
    const cell = await run(
      kernel,
      "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    raise KeyError('k') from e",
    );
    const traceback = plain(errorOf(cell)?.traceback ?? []);
    expect(errorOf(cell)).toMatchObject({ ename: "KeyError", evalue: "'k'" });
    // IPython: one rule at the top, each exception its heading, frames and last line.
    expect(traceback.map((entry) => entry.split("\n")[0])).toEqual([
      "-".repeat(75),
      `ZeroDivisionError${" ".repeat(25)}Traceback (most recent call last)`,
      "Cell In[1], line 2",
      "ZeroDivisionError: division by zero",
      "",
      `KeyError${" ".repeat(34)}Traceback (most recent call last)`,
      "Cell In[1], line 4",
      "KeyError: 'k'",
    ]);
    expect(traceback[4]).toBe(
      "\nThe above exception was the direct cause of the following exception:\n",
    );
    const context = await run(kernel, "try:\n    {}['a']\nexcept KeyError:\n    None + 1");
    expect(errorOf(context)?.traceback).toContain(
      "\nDuring handling of the above exception, another exception occurred:\n",
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
    expect(plain(error?.traceback ?? []).at(-1)).toBe(
      [
        "ExceptionGroup: several (2 sub-exceptions)",
        "  +---------------- 1 ----------------",
        "  | ValueError: v",
        "  +---------------- 2 ----------------",
        "  | TypeError: t",
        "  +------------------------------------",
      ].join("\n"),
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
