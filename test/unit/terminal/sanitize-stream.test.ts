import { describe, expect, it } from "vitest";
import { SanitizeStream, sanitize } from "../../../src/terminal/sanitize.js";

const ESC = "\u001b";

/** Sanitizes `text` fed in the given pieces, as one string. */
function inPieces(pieces: string[], keepColour = true): string {
  const stream = new SanitizeStream({ keepColour });
  const lines: string[] = [];
  for (const piece of pieces) lines.push(...stream.write(piece));
  lines.push(...stream.end(), stream.currentLine());
  return lines.join("\n");
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const SAMPLE = [
  `${ESC}[31mred${ESC}[0m plain\n`,
  "10%\r20%\r100%\n",
  `${ESC}]0;title${ESC}\\after ${ESC}]52;c;ZXZpbA==\u0007clip\n`,
  `${ESC}[2J${ESC}[H${ESC}[?1049lmoves\n`,
  `${ESC}P+q${ESC}\\dcs \u009b2Jc1 \u202eevil\u2066\n`,
  "ab\b\bxy 😀 中文 café\r\n",
  `${ESC}[1;32mgreen\rG${ESC}[0m\n`,
  "tab\there\n",
  `${ESC}(B${ESC}7${ESC}c done`,
].join("");

describe("SanitizeStream", () => {
  it("gives the same result as sanitizing the whole text, wherever the pieces are cut", () => {
    const next = random(7);
    for (const keepColour of [true, false]) {
      const whole = sanitize(SAMPLE, { keepColour });
      for (let trial = 0; trial < 300; trial++) {
        const pieces: string[] = [];
        let at = 0;
        while (at < SAMPLE.length) {
          const size = 1 + Math.floor(next() * 12);
          pieces.push(SAMPLE.slice(at, at + size));
          at += size;
        }
        expect(inPieces(pieces, keepColour)).toBe(whole);
      }
    }
  });

  it("cut at every single position gives the same result", () => {
    const whole = sanitize(SAMPLE, { keepColour: true });
    for (let cut = 0; cut <= SAMPLE.length; cut++) {
      expect(inPieces([SAMPLE.slice(0, cut), SAMPLE.slice(cut)])).toBe(whole);
    }
  });

  it("holds back an escape sequence cut by the end of a piece instead of showing its bytes", () => {
    const stream = new SanitizeStream({ keepColour: true });
    expect(stream.write(`ok${ESC}[3`)).toEqual([]);
    expect(stream.currentLine()).toBe("ok");
    expect(stream.write(`1mred\n`)).toEqual([`ok${ESC}[31mred`]);
  });

  it("updates a progress bar in place across pieces", () => {
    const stream = new SanitizeStream();
    stream.write(" 10%|#   |");
    stream.write("\r 50%|##");
    expect(stream.currentLine()).toBe(" 50%|##  |");
    stream.write("  |\r100%|####|");
    expect(stream.currentLine()).toBe("100%|####|");
  });

  it("an unterminated OSC swallows at most the look-ahead window, as in one piece", () => {
    const text = `a${ESC}]0;${"x".repeat(5000)}\nvisible`;
    expect(inPieces(text.match(/[\s\S]{1,100}/g) ?? [])).toBe(sanitize(text));
  });
});
