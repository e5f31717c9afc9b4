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

// The sanitizer as first written: one cell per column, every character handled alone. Slow but
// plainly right; the streaming sanitizer's shortcuts (whole runs, lines kept as input slices)
// must give exactly its results.
const ORACLE_STRING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle reads escapes
  /^(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/;
const ORACLE_DROPPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle drops controls
  /[\u0000-\u0007\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function oracle(text: string, keepColour: boolean): string {
  const lines: string[] = [];
  let line: string[] = [];
  let column = 0;
  let pending = "";
  const endLine = () => {
    lines.push(line.join("") + pending);
    line = [];
    column = 0;
    pending = "";
  };
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i, i + 4096);
    const first = text[i] as string;
    if (first === ESC || (first >= "\u0080" && first <= "\u009f")) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle reads escapes
      const csi = /^(?:\u001b\[|\u009b)([0-?]*)([ -/]*)([@-~])/.exec(rest);
      if (csi) {
        if (keepColour && csi[3] === "m" && csi[2] === "" && !/[<=>?]/.test(csi[1] ?? ""))
          pending += `${ESC}[${csi[1]}m`;
        i += csi[0].length;
        continue;
      }
      const str = ORACLE_STRING.exec(rest);
      if (str) {
        i += str[0].length;
        continue;
      }
      if (first === ESC) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle reads escapes
        i += (/^\u001b[ -/]*[0-~]?/.exec(rest)?.[0].length ?? 1) || 1;
        continue;
      }
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    i += ch.length;
    if (ch === "\n") endLine();
    else if (ch === "\r") column = 0;
    else if (ch === "\b") column = Math.max(0, column - 1);
    else if (!ORACLE_DROPPED.test(ch)) {
      line[column] = pending + ch;
      pending = "";
      column += 1;
    }
  }
  endLine();
  return lines.join("\n");
}

describe("the sanitizer's shortcuts", () => {
  const FRAGMENTS = [
    "plain text",
    "x",
    "\n",
    "\n",
    "\r",
    "\r\n",
    "\b",
    "\t",
    `${ESC}[31m`,
    `${ESC}[1;32m`,
    `${ESC}[0m`,
    `${ESC}[m`,
    "\u009b33m",
    `${ESC}[2J`,
    `${ESC}[?25l`,
    `${ESC}]0;title\u0007`,
    `${ESC}P+q${ESC}\\`,
    `${ESC}(B`,
    "\u0085",
    "\u202e",
    "😀",
    "中文",
    "\u0000",
  ];

  it("give exactly what one cell per column gives, on random mixes of everything", () => {
    const next = random(42);
    for (let trial = 0; trial < 2000; trial++) {
      let text = "";
      const count = 1 + Math.floor(next() * 30);
      for (let k = 0; k < count; k++) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      for (const keepColour of [true, false]) {
        expect(sanitize(text, { keepColour }), JSON.stringify(text)).toBe(oracle(text, keepColour));
        const cut = Math.floor(next() * text.length);
        expect(inPieces([text.slice(0, cut), text.slice(cut)], keepColour)).toBe(
          oracle(text, keepColour),
        );
      }
    }
  });
});
