// The cell editor in the real oprel, in a real terminal: auto-indent, syntax colour, a bracketed
// paste of 5,000 lines as one undo step, and source text that cannot drive the terminal.

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  cellSources,
  cleanUp,
  commandMode,
  editMode,
  openOprel,
  SLOW,
  scratchFolder,
} from "./oprel.js";

afterEach(cleanUp);

const MAGENTA = 5; // the editor's colour for keywords

describe("the cell editor", () => {
  it("auto-indents, colours keywords, and undoes a 5,000-line paste in one step", async () => {
    const dir = scratchFolder();
    const path = join(dir, "new.ipynb");
    const t = await openOprel(["new.ipynb"], dir);
    await t.waitForText(/\bCMD\b/, SLOW);
    await editMode(t);
    t.type("def f(x):");
    t.press("enter");
    t.type("return x");
    await t.waitForText("    return x");
    expect(t.foregroundOf("def f")).toBe(MAGENTA);

    const lines = Array.from({ length: 5_000 }, (_, i) => `v${i} = ${i}`);
    t.paste(`\n${lines.join("\n")}`);
    // The editor follows the cursor to the end of the paste.
    await t.waitForText("v4999 = 4999", SLOW);
    t.press("ctrl+z");
    await t.waitForNoText("v4999", SLOW);
    await t.waitForText("    return x");

    await commandMode(t);
    t.press("ctrl+s");
    await t.waitFor(
      () => {
        try {
          return cellSources(path)[0] === "def f(x):\n    return x";
        } catch {
          return false;
        }
      },
      "the saved cell",
      SLOW,
    );
  });

  it("moves Up and Down by the rows a long line wraps into", async () => {
    const dir = scratchFolder();
    const t = await openOprel(["wrap.ipynb"], dir);
    await t.waitForText(/\bCMD\b/, SLOW);
    await editMode(t);
    // 300 characters: four screen rows at 100 columns, then a short line.
    t.type("0123456789".repeat(30));
    t.press("enter");
    t.type("tail");
    await t.waitForText("tail");
    // Two rows up from "tail" is inside the long line's third screen row (by buffer lines it
    // would be the long line's first).
    t.press("up");
    t.press("up");
    t.type("!");
    const rowOf = (text: string) => t.screen().findIndex((row) => row.includes(text));
    await t.waitFor(() => rowOf("!") !== -1, "the mark");
    expect(rowOf("!")).toBe(rowOf("tail") - 2);
    // And down again, through the fourth row, to the short line.
    t.press("down");
    t.press("down");
    t.type("?");
    await t.waitForText("tail?");
  });

  it("shows escape sequences in the source as inert symbols", async () => {
    const dir = scratchFolder();
    const t = await openOprel(["inert.ipynb"], dir);
    await t.waitForText(/\bCMD\b/, SLOW);
    await editMode(t);
    const before = t.output().length;
    t.paste('x = "\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007\u001b[2J"');
    await t.waitForText("␛]52;c;ZXZpbA==␇␛]0;pwned␇␛[2J", SLOW);
    const drawn = t.output().slice(before);
    expect(drawn).not.toContain("\u001b]52");
    expect(drawn).not.toContain("pwned\u0007");
    expect(t.title()).not.toBe("pwned");
  });
});
