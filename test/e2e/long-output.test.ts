// A long output is capped on screen to its LAST lines: the end of what a cell printed (the result,
// the error, "done") must be on screen at 80x24, with the count of the hidden lines.

import { describe, expect, it } from "vitest";
import { openNotebook, ready, SLOW } from "./oprel.js";

describe("long outputs", { timeout: 60_000 }, () => {
  it("show their last line on an 80x24 screen, with the count of the hidden ones", async () => {
    const source = 'for i in range(5_000):\n    print("row", i)\nprint("the" + "-end")';
    const { t } = await openNotebook("long.ipynb", [source], { cols: 80, rows: 24 });
    await ready(t);
    t.press("ctrl+e");
    await t.waitForText("[1]:", SLOW);
    await t.waitForText("the-end", SLOW);
    expect(t.text()).toMatch(/\d[\d,]* more lines/);
  });
});
