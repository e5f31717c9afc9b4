import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, NARROW_RANGES } from "../../../src/terminal/width.js";

describe("displayWidth", () => {
  it("agrees with string-width on plain, coloured, wide and combining text", () => {
    const samples = [
      "",
      "plain ascii ~!@#",
      "\u001b[1mbold\u001b[22m and \u001b[38;5;8mgrey\u001b[39m",
      "\u001b[38:2::255:0:0mcolon form\u001b[m",
      "日本語 text",
      "\u001b[31m日本\u001b[0m",
      "e\u0301 combining",
      "👩‍👩‍👧 family",
      "tab\there",
      "\u001b]8;;https://x\u0007link\u001b]8;;\u0007",
      "\u001b[2Kerase",
      "soft\u00adhyphen",
      "a \u2502 b \u2026 \u2192 \u2717",
      "\u25fd\u2705 emoji-wide",
      "x\u0301\u2502",
    ];
    for (const text of samples)
      expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  });

  it("takes every character of its narrow ranges as one column, as string-width does", () => {
    for (const [from, to] of NARROW_RANGES)
      for (let code = from; code <= to; code++)
        expect(stringWidth(String.fromCodePoint(code)), code.toString(16)).toBe(1);
  });

  it("counts SGR sequences as zero columns", () => {
    expect(displayWidth("\u001b[7m cell \u001b[27m")).toBe(6);
  });
});
