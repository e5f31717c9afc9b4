import { describe, expect, it } from "vitest";
import { plainText, sanitize } from "../../../src/terminal/sanitize.js";

const ESC = "\u001b";

describe("sanitize", () => {
  it("removes colour unless asked to keep it", () => {
    const red = `${ESC}[31mred${ESC}[0m`;
    expect(plainText(red)).toBe("red");
    expect(sanitize(red, { keepColour: true })).toBe(red);
  });

  it("removes cursor movement, screen clearing, titles, hyperlinks and clipboard writes", () => {
    const nasty = [
      `${ESC}[2J${ESC}[H`,
      `${ESC}]0;pwned${ESC}\\`,
      `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`,
      `${ESC}]52;c;ZXZpbA==\u0007`,
      `${ESC}P+q${ESC}\\`,
      `${ESC}_apc${ESC}\\`,
      `${ESC}(B${ESC}7${ESC}c`,
      "\u009b2J",
      `${ESC}[?1049h`,
    ].join("");
    expect(sanitize(nasty, { keepColour: true })).toBe("link");
  });

  it("drops other controls and bidi overrides but keeps tabs and newlines", () => {
    expect(plainText("a\u0000b\u0007c\td\u202eevil\u2066x\u0085\ny")).toBe("abc\tdevilx\ny");
  });

  it("resolves carriage returns and backspaces like a terminal", () => {
    expect(plainText("10%\r20%\r100%\ndone")).toBe("100%\ndone");
    expect(plainText("abcdef\rXY")).toBe("XYcdef");
    expect(plainText("ab\b\bxy")).toBe("xy");
    expect(plainText("line\r\nnext\r\n")).toBe("line\nnext\n");
  });

  it("keeps non-ASCII text and astral characters intact", () => {
    expect(plainText("café ☃ 😀 中文")).toBe("café ☃ 😀 中文");
  });

  it("swallows an unterminated sequence at the end", () => {
    expect(plainText(`ok${ESC}]0;title`)).toBe("ok");
    expect(plainText(`ok${ESC}`)).toBe("ok");
  });
});

describe("conceal (SGR 8)", () => {
  const keep = (t: string) => sanitize(t, { keepColour: true });

  it("drops hidden text's SGR 8 but keeps the text and the rest of the sequence", () => {
    expect(keep(`${ESC}[8msecret${ESC}[0m`)).toBe(`secret${ESC}[0m`);
    expect(keep(`${ESC}[1;8;31mx`)).toBe(`${ESC}[1;31mx`);
    expect(keep(`${ESC}[08mx`)).toBe("x");
  });

  it("keeps colour 8 given as an argument of 38, 48 and 58", () => {
    for (const sgr of ["38;5;8", "48;5;8", "38;2;8;8;8", "58;5;8", "38:5:8", "1;38;5;8;4"]) {
      expect(keep(`${ESC}[${sgr}mx`)).toBe(`${ESC}[${sgr}mx`);
    }
    expect(keep(`${ESC}[38;5;8;8mx`)).toBe(`${ESC}[38;5;8mx`);
  });

  it("keeps reset and 28 (reveal)", () => {
    expect(keep(`${ESC}[mx${ESC}[28m`)).toBe(`${ESC}[mx${ESC}[28m`);
  });
});
