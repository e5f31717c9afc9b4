// Writing and running code the way a user does: keys into a real pty, the real worker behind it,
// every step waiting for its echo on the emulated screen.

import { describe, expect, it } from "vitest";
import { editMode, openNotebook, ready, SLOW } from "./oprel.js";

describe("editing and running cells", { timeout: 60_000 }, () => {
  it("types a new cell with auto-indent, runs it and sees output stream live", async () => {
    const { t } = await openNotebook("fresh.ipynb", [""]);
    await ready(t);
    await editMode(t);
    t.type("import time");
    t.press("enter");
    t.type("for i in range(3):");
    t.press("enter"); // auto-indent after the colon
    t.type('print("tick", i * 11, flush=True); time.sleep(0.8)');
    await t.waitForText('    print("tick", i * 11, flush=True); time.sleep(0.8)');
    t.press("shift+enter");
    await t.waitForText("tick 0", SLOW);
    // Streaming: the first line shows while the last is still 1.6 s away.
    expect(t.text()).not.toContain("tick 22");
    expect(t.text()).toContain("[*]");
    await t.waitForText("tick 22", SLOW);
    await t.waitForText("[1]:", SLOW);
    // Shift+Enter moved on to a new cell below; Ctrl+Enter runs in place.
    await editMode(t);
    t.type("6 * 7");
    t.press("ctrl+enter");
    await t.waitForText(/\[2\]:[\s\S]*42/, SLOW);
  });

  it("interrupts an endless loop with i i, and the kernel lives on", async () => {
    const sources = ["while True:\n    pass", 'print("still", "alive")'];
    const { t } = await openNotebook("loop.ipynb", sources, { keyboard: "legacy" });
    await ready(t);
    t.press("ctrl+e"); // run in place: the fallback that works in any terminal
    await t.waitForText("[*]", SLOW);
    t.press("i");
    t.press("i");
    await t.waitForText("KeyboardInterrupt", SLOW);
    t.press("j");
    t.press("ctrl+e");
    await t.waitForText("still alive", SLOW);
  });

  it("completes with Tab from the kernel", async () => {
    const { t } = await openNotebook("complete.ipynb", ["import collections", ""]);
    await ready(t);
    t.press("shift+enter");
    await t.waitForText("[1]:", SLOW);
    await editMode(t);
    t.type("collections.OrderedDi");
    await t.waitForText("collections.OrderedDi");
    t.press("tab");
    await t.waitForText("collections.OrderedDict", SLOW);
  });
});
