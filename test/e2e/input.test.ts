// input() in a cell opens an input line under the cell; what is typed there goes to the kernel,
// and the question with its answer stays in the cell's output, as JupyterLab keeps it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openNotebook, ready, SLOW } from "./oprel.js";

describe("input()", { timeout: 60_000 }, () => {
  it("answers input() in the input line under the cell, and keeps the answer in the output", async () => {
    // The prompt is built at run time, so finding it on screen cannot mean finding the source.
    const source =
      'name = input("your " + "name?")\nimport getpass\nkey = getpass.getpass("pin" + "?")\nprint("hello", name.upper(), len(key))';
    const { t, path } = await openNotebook("ask.ipynb", [source]);
    await ready(t);
    t.press("ctrl+enter");
    await t.waitForText("your name?", SLOW);
    t.type("Ada");
    await t.waitForText(/your name\? ?Ada/);
    t.press("enter");
    await t.waitForText("pin?", SLOW);
    t.type("1234");
    t.press("enter");
    await t.waitForText("hello ADA 4", SLOW);
    // The answers stay above the printed line; the secret one as dots.
    const screen = t.text();
    expect(screen.indexOf("your name? Ada")).toBeGreaterThan(-1);
    expect(screen.indexOf("your name? Ada")).toBeLessThan(screen.indexOf("hello ADA"));
    expect(screen).toContain("pin? ········");
    expect(screen).not.toContain("1234");

    t.press("escape");
    t.press("ctrl+s");
    await t.waitFor(() => readFileSync(path, "utf8").includes('"stdin"'), "the saved answer", SLOW);
    const saved = JSON.parse(readFileSync(path, "utf8"));
    const outputs = saved.cells[0].outputs as { name?: string; text?: string[] }[];
    // Consecutive streams of one name merge, as in JupyterLab's output model.
    expect(outputs.filter((o) => o.name === "stdin").map((o) => o.text?.join(""))).toEqual([
      "your name? Ada\npin? ········\n",
    ]);
  });
});
