import { describe, expect, it } from "vitest";
import { graphemes } from "../../../../src/terminal/width.js";
import type {
  Motion,
  Position,
  TextBufferAction,
  TextBufferState,
} from "../../../../src/ui/editor/text-buffer.js";
import {
  bufferText,
  createTextBuffer,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";
import { pick, seededRandom } from "./random-edits.js";

const TEXTS = [
  "a",
  "if x:",
  "\n",
  "    ",
  "e\u0301",
  "👩‍👩‍👧",
  "中",
  "\t",
  "x\ny\nz",
  " ",
  "😀!",
  "_w2",
];
const MOTIONS: Motion[] = [
  "left",
  "right",
  "up",
  "down",
  "wordLeft",
  "wordRight",
  "home",
  "end",
  "docStart",
  "docEnd",
  "pageUp",
  "pageDown",
];
const SIMPLE: TextBufferAction[] = [
  { type: "backspace" },
  { type: "delete" },
  { type: "deleteWordBack" },
  { type: "newline" },
  { type: "indent" },
  { type: "dedent" },
  { type: "tab" },
  { type: "undo" },
  { type: "redo" },
  { type: "selectAll" },
];

function action(next: () => number): TextBufferAction {
  const roll = next();
  if (roll < 0.3) return { type: next() < 0.5 ? "insert" : "paste", text: pick(next, TEXTS) };
  if (roll < 0.65)
    return { type: "move", motion: pick(next, MOTIONS), select: next() < 0.3, rows: 3 };
  return pick(next, SIMPLE);
}

/** The grapheme boundaries of a line, as UTF-16 indices. */
function boundaries(line: string): Set<number> {
  const out = new Set([0]);
  let at = 0;
  for (const g of graphemes(line)) {
    at += g.length;
    out.add(at);
  }
  return out;
}

function expectValid(state: TextBufferState, where: Position | null, label: string): void {
  if (!where) return;
  const line = state.lines[where.row];
  expect(line, `${label} row ${where.row} exists`).toBeDefined();
  expect(
    boundaries(line as string).has(where.col),
    `${label} on a boundary of ${JSON.stringify(line)}`,
  ).toBe(true);
}

describe("text buffer invariants under random editing", () => {
  it("keeps the cursor on grapheme boundaries and rows within the width; undo restores the start", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = seededRandom(seed);
      const start = "def f(x):\n    return 'e\u0301👩‍👩‍👧中'\n";
      let state = createTextBuffer(start);
      // Fewer steps than the history keeps, so undoing them all must reach the start.
      for (let i = 0; i < 190; i++) {
        state = textBufferReducer(state, action(next));
        expectValid(state, state.cursor, `seed ${seed} step ${i}: cursor`);
        expectValid(state, state.anchor, `seed ${seed} step ${i}: anchor`);
        expect(state.lines.every((line) => !line.includes("\n") && !line.includes("\r"))).toBe(
          true,
        );
      }
      while (state.undoStack.length) state = textBufferReducer(state, { type: "undo" });
      expect(bufferText(state)).toBe(start);
    }
  });
});
