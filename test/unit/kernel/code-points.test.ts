import { describe, expect, it } from "vitest";
import { toCodePoints, toUtf16 } from "../../../src/kernel/code-points.js";

describe("code point positions", () => {
  it("converts both ways around astral characters and is the identity for BMP text", () => {
    const text = "a🎉b😀c";
    expect([...text].length).toBe(5);
    expect(toCodePoints(text, text.length)).toBe(5);
    expect(toCodePoints(text, 3)).toBe(2); // after "a🎉"
    expect(toUtf16(text, 2)).toBe(3);
    expect(toUtf16(text, 5)).toBe(text.length);
    for (let i = 0; i <= 5; i++) expect(toCodePoints(text, toUtf16(text, i))).toBe(i);
    expect(toCodePoints("plain text", 5)).toBe(5);
    expect(toUtf16("plain text", 5)).toBe(5);
  });
});
