// input() in a cell opens an input line under the cell; what is typed there goes to the kernel.

import { describe, it } from "vitest";
import { openNotebook, ready, SLOW } from "./oprel.js";

describe("input()", { timeout: 60_000 }, () => {
  it("answers input() in the input line under the cell", async () => {
    // The prompt is built at run time, so finding it on screen cannot mean finding the source.
    const source = 'name = input("your " + "name? ")\nprint("hello", name.upper())';
    const { t } = await openNotebook("ask.ipynb", [source]);
    await ready(t);
    t.press("ctrl+enter");
    await t.waitForText("your name?", SLOW);
    t.type("Ada");
    await t.waitForText(/your name\? ?Ada/);
    t.press("enter");
    await t.waitForText("hello ADA", SLOW);
  });
});
