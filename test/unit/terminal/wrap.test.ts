import { describe, expect, it } from "vitest";
import { sgrAfter, stripSgr } from "../../../src/terminal/sgr.js";
import { displayWidth } from "../../../src/terminal/width.js";
import { fitColumns, wrapLine, wrapParts } from "../../../src/terminal/wrap.js";

const ESC = "\u001b";
const RED = `${ESC}[31m`;
const RESET = `${ESC}[0m`;

describe("wrapLine", () => {
  it("cuts plain text at the column, like a terminal", () => {
    expect(wrapLine("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
    expect(wrapLine("abc", 3)).toEqual(["abc"]);
    expect(wrapLine("", 3)).toEqual([""]);
  });

  it("counts wide characters as two columns and never splits a grapheme cluster", () => {
    const rows = wrapLine("ab中文👩‍👩‍👧x", 5);
    expect(rows).toEqual(["ab中", "文👩‍👩‍👧x"]);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(5);
    expect(wrapLine("a中", 2)).toEqual(["a", "中"]);
  });

  it("carries colour onto the next row and closes it at each row end", () => {
    expect(wrapLine(`ab${RED}cdef${RESET}g`, 3)).toEqual([
      `ab${RED}c${RESET}`,
      `${RED}def${RESET}`,
      "g",
    ]);
  });

  it("expands tabs to 8-column stops and drops stray control characters", () => {
    expect(wrapLine("a\tb", 20)).toEqual(["a       b"]);
    expect(wrapLine("a\u0007b\u001b]0;x", 20)).toEqual(["ab]0;x"]);
  });

  it("fitColumns keeps the first row only", () => {
    expect(fitColumns("hello world", 5)).toBe("hello");
  });
});

describe("sgr", () => {
  it("strips colour and tracks what is left switched on", () => {
    expect(stripSgr(`${RED}red${RESET}`)).toBe("red");
    expect(sgrAfter("", `${RED}x`)).toBe(RED);
    expect(sgrAfter(RED, `${ESC}[1mx`)).toBe(`${RED}${ESC}[1m`);
    expect(sgrAfter(RED, `x${RESET}`)).toBe("");
    expect(sgrAfter(RED, `${ESC}[0;32m`)).toBe(`${ESC}[0;32m`);
    expect(sgrAfter("", "no colour")).toBe("");
  });
});

describe("wrapParts", () => {
  it("wraps between parts, never inside one", () => {
    const words = "No Jupyter kernel named 'julia-1.9' is installed".split(" ");
    expect(wrapParts(words, 20)).toEqual([
      "No Jupyter kernel",
      "named 'julia-1.9' is",
      "installed",
    ]);
    expect(wrapParts(["w worker", "1 R · ir", "Esc cancels"], 22, "   ")).toEqual([
      "w worker   1 R · ir",
      "Esc cancels",
    ]);
  });

  it("cuts a part wider than the row, and counts columns, not colour codes", () => {
    expect(wrapParts(["abcdefghij"], 4)).toEqual(["abcd"]);
    const bold = wrapParts([`${ESC}[1mw${ESC}[22m one`, "two"], 9);
    expect(bold.map(stripSgr)).toEqual(["w one two"]);
  });
});
