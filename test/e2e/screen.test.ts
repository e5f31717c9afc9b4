// What reaches the terminal: hostile cell output is neutralised, the screen follows resizes, two
// notebooks run at once, and a CI variable in the environment changes nothing.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openNotebook, openOprel, ready, SLOW, scratchFolder, writeNotebook } from "./oprel.js";

// Each line prints a word in capitals after its codes; the source has it in lower case, so a
// word found on screen in capitals is output, never the cell's source.
const HOSTILE = [
  "import sys",
  "def say(codes, word):",
  '    sys.stdout.write(codes + word.upper() + "\\n")',
  'say("\\x1b]52;c;cHduZWQ=\\x07", "clipboard-attempt")',
  'say("\\x1b]0;pwned-title\\x07", "title-attempt")',
  'say("\\x1b]2;pwned-title-2\\x1b\\\\", "title2-attempt")',
  'say("\\x1b[3;7H", "moved-here")',
  'say("\\x1b[2J\\x1b[H", "after-clear")',
  'say("\\x1b[?1049l\\x1b[?25h\\x1b[?2004l\\x1b[<u\\x1b[>4;0m", "left-alt-screen")',
  'say("\\x1b[31m", "red-stays")',
  'say("\\x1b[0m", "hostile-done")',
].join("\n");

describe("the screen", { timeout: 60_000 }, () => {
  it("keeps hostile output from touching the terminal: clipboard, title, cursor, clear, screen, modes", async () => {
    const { t } = await openNotebook("hostile.ipynb", [HOSTILE, "# the cell below"]);
    await ready(t);
    const modes = t.modes();
    t.press("ctrl+enter");
    await t.waitForText("HOSTILE-DONE", SLOW);
    expect(t.protocol.clipboardWrites).toEqual([]);
    expect(t.protocol.titles.filter((title) => title.includes("pwned"))).toEqual([]);
    expect(t.output()).not.toContain("\x1b[3;7H");
    expect(t.modes()).toEqual(modes);
    // Nothing was cleared or overwritten: the chrome and the rest of the notebook are still drawn.
    const text = t.text();
    expect(text).toContain("hostile.ipynb");
    expect(text).toContain("# the cell below");
    // The text follows its cell's source, in order, rather than landing where the codes aimed it.
    const words = [
      "CLIPBOARD-ATTEMPT",
      "TITLE-ATTEMPT",
      "TITLE2-ATTEMPT",
      "MOVED-HERE",
      "AFTER-CLEAR",
      "LEFT-ALT-SCREEN",
      "RED-STAYS",
      "HOSTILE-DONE",
    ];
    const rows = words.map((word) => t.screen().findIndex((line) => line.includes(word)));
    expect(rows.every((row) => row > 0)).toBe(true);
    expect([...rows].sort((x, y) => x - y)).toEqual(rows);
    // Colour is the one thing kept.
    expect(t.foregroundOf("RED-STAYS")).toBe(1);
    expect(t.foregroundOf("HOSTILE-DONE")).not.toBe(1);
  });

  it("follows resizes, down to 80x24 and up again", async () => {
    const sources = Array.from({ length: 40 }, (_, i) => `cell_${i} = ${i}`);
    const { t } = await openNotebook("resize.ipynb", sources, { cols: 120, rows: 40 });
    const statusRow = () => {
      const lines = t.screen();
      for (let row = lines.length - 1; row >= 0; row--)
        if (/\b(CMD|EDIT)\b/.test(lines[row] ?? "")) return row;
      return -1;
    };
    await t.waitFor(() => statusRow() >= 36, "the status line at the bottom of 40 rows");
    t.resize(80, 24);
    await t.waitFor(
      () => statusRow() >= 20 && statusRow() < 24 && t.text().includes("cell_0 = 0"),
      "the status line at the bottom of 24 rows",
      SLOW,
    );
    // No row drawn for the old width wrapped and pushed the rest down: the tab bar is still on top.
    expect(t.screen()[0]).toContain("resize.ipynb");
    t.resize(100, 30);
    await t.waitFor(
      () => statusRow() >= 26 && statusRow() < 30,
      "the status line at 30 rows",
      SLOW,
    );
    t.press("j");
    t.press("j");
    await t.waitForText("cell_2 = 2");
  });

  it("runs two notebooks at once, each in its own worker", async () => {
    const dir = scratchFolder();
    // Each cell waits for the other's mark: both can only finish if they run at the same time.
    const meet = (me: string, other: string) =>
      [
        "import os, time",
        `open(${JSON.stringify(join(dir, me))}, "w").close()`,
        "deadline = time.time() + 15",
        `while not os.path.exists(${JSON.stringify(join(dir, other))}) and time.time() < deadline:`,
        "    time.sleep(0.05)",
        `print("${me} met", os.path.exists(${JSON.stringify(join(dir, other))}), os.getpid())`,
      ].join("\n");
    const a = writeNotebook(dir, "a.ipynb", [meet("mark-a", "mark-b")]);
    const b = writeNotebook(dir, "b.ipynb", [meet("mark-b", "mark-a")]);
    const t = await openOprel([a, b], dir);
    await ready(t);
    t.press("ctrl+enter");
    await t.waitForText("[*]", SLOW);
    t.press("ctrl+pagedown");
    await t.waitForText('mark-b", "w")', SLOW);
    await ready(t);
    t.press("ctrl+enter");
    await t.waitForText(/mark-b met True (\d+)/, SLOW);
    const pidB = /mark-b met True (\d+)/.exec(t.text())?.[1];
    t.press("ctrl+pageup");
    await t.waitForText(/mark-a met True (\d+)/, SLOW);
    const pidA = /mark-a met True (\d+)/.exec(t.text())?.[1];
    expect(pidA).not.toBe(pidB);
  });

  it("works with CI=true in the environment", async () => {
    const { t } = await openNotebook("ci.ipynb", ["in_ci = 1"], { env: { CI: "true" } });
    await t.waitForText("in_ci = 1", SLOW);
    expect(t.isAltScreen()).toBe(true);
    t.press("enter");
    t.type("  # typed under CI");
    await t.waitForText("# typed under CI");
  });
});
