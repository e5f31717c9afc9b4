// The build swaps Ink's Output for withFastRows(Output): every frame must come out exactly as Ink's.
import { describe, expect, it } from "vitest";
// Ink exports no subpaths; the file is what the build wraps.
import InkOutput from "../../../../node_modules/ink/build/output.js";
import { type OutputClass, withFastRows } from "../../../../src/ui/app/fast-rows.js";

const Base = InkOutput as unknown as OutputClass;
const Fast = withFastRows(Base);
const bold = (line: string) => `\u001b[1m${line}\u001b[22m`;

type Write = [x: number, y: number, text: string, transformers?: ((l: string) => string)[]];

function frame(Output: OutputClass, width: number, height: number, writes: Write[]): string {
  const output = new Output({ width, height });
  for (const [x, y, text, transformers = []] of writes) output.write(x, y, text, { transformers });
  return output.get().output;
}

const frames: [string, number, number, Write[]][] = [
  [
    "one row per line",
    20,
    4,
    [
      [0, 0, "plain"],
      [0, 1, "\u001b[31mred\u001b[39m tail   "],
      [0, 3, "日本語"],
    ],
  ],
  [
    "transformers",
    20,
    2,
    [
      [0, 0, "b", [bold]],
      [0, 1, "x"],
    ],
  ],
  [
    "a row written twice",
    20,
    2,
    [
      [0, 0, "first line"],
      [3, 0, "XY"],
    ],
  ],
  ["a write not at column 0", 20, 2, [[2, 1, "indented"]]],
  ["a multi-line write", 20, 3, [[0, 0, "a\nb\nc"]]],
  ["a line wider than the frame", 5, 1, [[0, 0, "abcdefgh"]]],
  [
    "an unclosed style",
    20,
    2,
    [
      [0, 0, "\u001b[7mopen"],
      [0, 1, "next"],
    ],
  ],
  [
    "rows past the height",
    10,
    1,
    [
      [0, 0, "in"],
      [0, 3, "out"],
    ],
  ],
];

describe("withFastRows", () => {
  for (const [name, width, height, writes] of frames) {
    it(`renders ${name} as Ink does`, () => {
      expect(frame(Fast, width, height, writes)).toBe(frame(Base, width, height, writes));
      // Again, now from the cache of rendered lines.
      expect(frame(Fast, width, height, writes)).toBe(frame(Base, width, height, writes));
    });
  }
});
