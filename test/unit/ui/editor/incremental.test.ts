import { describe, expect, it } from "vitest";
import { visualRowCount } from "../../../../src/ui/editor/layout.js";
import { continuations } from "../../../../src/ui/editor/multiline.js";
import {
  createTextBuffer,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";
import { pick, seededRandom } from "./random-edits.js";

const PIECES = [
  '"""',
  "'''",
  "x = 1",
  "```",
  "中文字中文字",
  "\n",
  "#",
  "'",
  "long_name_".repeat(6),
  "\n\n",
];

function randomAction(next: () => number, state: TextBufferState): TextBufferAction {
  const roll = next();
  if (roll < 0.4) return { type: "paste", text: pick(next, PIECES) };
  if (roll < 0.55) return { type: "backspace" };
  if (roll < 0.65) return { type: "deleteWordBack" };
  if (roll < 0.75) return { type: "undo" };
  const row = Math.floor(next() * state.lines.length);
  return { type: "moveTo", position: { row, col: Math.floor(next() * 40) }, select: next() < 0.2 };
}

describe("incremental per-line facts after edits", () => {
  it("row counts and open strings after each edit equal a computation from scratch", () => {
    const next = seededRandom(7);
    const start = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 0 ? `s${i} = """` : `v${i} = ${i}`,
    );
    let state = createTextBuffer(start.join("\n"));
    for (const language of ["python", "markdown"]) {
      continuations(state.lines, language);
      visualRowCount(state.lines, 30);
      for (let i = 0; i < 300; i++) {
        state = textBufferReducer(state, randomAction(next, state));
        const incremental = continuations(state.lines, language);
        const rows = visualRowCount(state.lines, 30);
        // Another language and another width make the next calls start from scratch.
        continuations([], language === "python" ? "markdown" : "python");
        visualRowCount(["x"], 31);
        expect(continuations(state.lines.slice(), language)).toEqual(incremental);
        expect(visualRowCount(state.lines.slice(), 30)).toBe(rows);
        continuations(state.lines, language);
        visualRowCount(state.lines, 30);
      }
    }
  });
});
