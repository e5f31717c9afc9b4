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
