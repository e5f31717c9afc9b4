import { describe, expect, it } from "vitest";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { displayWidth } from "../../../../src/terminal/width.js";
import { markError } from "../../../../src/ui/editor/error-mark.js";
import { followCursor, layoutEditor, visualRowCount } from "../../../../src/ui/editor/layout.js";
import { renderSourceLines } from "../../../../src/ui/editor/source-lines.js";
import {
  createTextBuffer,
  type Position,
  type TextBufferState,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";
import { CONTROL, SGR, styled } from "./sgr-text.js";

const ESC = "\u001b";

function at(text: string, position: Position, select?: Position): TextBufferState {
  let state = textBufferReducer(createTextBuffer(text), { type: "moveTo", position });
  if (select) state = textBufferReducer(state, { type: "moveTo", position: select, select: true });
  return state;
}

describe("editor layout", () => {
  it("never draws a line wider than the width, wide characters and clusters included", () => {
    const text = [
      "x = '中文字中文字中文字中文字中文字'",
      "👩‍👩‍👧".repeat(30),
      "e\u0301".repeat(90),
      "\tindented",
    ].join("\n");
    for (const width of [12, 20, 33, 80]) {
      const layout = layoutEditor(at(text, { row: 1, col: 4 }), {
        width,
        lineNumbers: true,
        prompt: "[1]: ",
      });
      expect(layout.lines.length).toBe(layout.totalRows);
      expect(layout.totalRows).toBe(
        visualRowCount(createTextBuffer(text).lines, width, { lineNumbers: true, prompt: "[1]: " }),
      );
      for (const line of layout.lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it("keeps wide characters whole when wrapping", () => {
    const layout = layoutEditor(createTextBuffer("中".repeat(10)), { width: 8, language: "plain" });
    // 8 columns leave 7 for text: three wide characters per row.
    expect(layout.lines.map(stripSgr)).toEqual(["中中中", "中中中", "中中中", "中"]);
  });

  it("draws the cursor in inverse video and reports its visual row and column", () => {
    const layout = layoutEditor(at("abcdefghij\nxy", { row: 0, col: 7 }), {
      width: 6,
      language: "plain",
    });
    expect(layout.lines.map(stripSgr)).toEqual(["abcde", "fghij", "xy"]);
    expect(layout.cursorRow).toBe(1);
    expect(layout.cursorColumn).toBe(2);
    expect(styled(layout.lines[1] as string, /(^|;)7$/)).toBe("h");
  });

  it("draws the cursor at the end of a full row in the column kept free for it", () => {
    const layout = layoutEditor(at("abcde", { row: 0, col: 5 }), { width: 6, language: "plain" });
    expect(layout.lines.length).toBe(1);
    expect(stripSgr(layout.lines[0] as string)).toBe("abcde ");
    expect(layout.cursorColumn).toBe(5);
    expect(
      layoutEditor(at("abcde", { row: 0, col: 5 }), { width: 6, cursor: false }).lines[0],
    ).toBe("abcde");
  });

  it("highlights the selection, including the line breaks it spans", () => {
    const layout = layoutEditor(at("abc\ndef", { row: 0, col: 1 }, { row: 1, col: 2 }), {
      width: 20,
      language: "plain",
    });
    expect(styled(layout.lines[0] as string, /44/)).toBe("bc ");
    expect(styled(layout.lines[1] as string, /44/)).toBe("de");
  });

  it("builds only the requested window of a 10,000-line cell", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `value_${i} = ${i} * 2`).join("\n");
    const state = at(text, { row: 5_005, col: 0 });
    const layout = layoutEditor(state, {
      width: 60,
      lineNumbers: true,
      window: { start: 5_000, count: 20 },
    });
    expect(layout.totalRows).toBe(10_000);
    expect(layout.lines.length).toBe(20);
    expect(stripSgr(layout.lines[0] as string)).toBe(" 5001 value_5000 = 5000 * 2");
    expect(layout.cursorRow).toBe(5_005);
  });

  it("keeps the cursor in view with as little scrolling as possible", () => {
    expect(followCursor(0, 5, 10, 100)).toBe(0);
    expect(followCursor(0, 15, 10, 100)).toBe(6);
    expect(followCursor(20, 15, 10, 100)).toBe(15);
    expect(followCursor(95, 99, 10, 100)).toBe(90);
  });

  it("draws control characters in the source as inert visible stand-ins", () => {
    const source = `x = "${ESC}]52;c;ZXZpbA==\u0007" + "${ESC}[2J${ESC}[?1049l\u009b31m\u202e"`;
    for (const lines of [
      layoutEditor(at(source, { row: 0, col: 3 }), { width: 80 }).lines,
      renderSourceLines(source, 80),
    ]) {
      const all = lines.join("\n");
      // The only escapes left are SGR colour sequences.
      expect(all.replace(SGR, "")).not.toMatch(CONTROL);
      expect(stripSgr(all)).toContain("␛]52;c;ZXZpbA==␇");
    }
  });
});

describe("syntax error marks", () => {
  it("converts the kernel's 1-based code-point column to the grapheme it points at", () => {
    expect(markError(["ok", "😀 = (x"], { line: 2, column: 5 })).toEqual({
      row: 1,
      start: 5,
      end: 6,
    });
    expect(markError(["if x"], { line: 1, column: 5 })).toEqual({ row: 0, start: 4, end: 4 });
    expect(markError(["a"], { line: 9, column: 9 })).toEqual({ row: 0, start: 1, end: 1 });
  });

  it("underlines the marked grapheme in red, or a red cell after the line's end", () => {
    const lines = ["x = (1,", "y = 2"];
    const inside = layoutEditor(createTextBuffer(lines.join("\n")), {
      width: 40,
      error: markError(lines, { line: 1, column: 5 }),
      cursor: false,
    });
    expect(styled(inside.lines[0] as string, /4;31/)).toBe("(");
    const atEnd = renderSourceLines(lines.join("\n"), 40, "python", {
      error: markError(lines, { line: 1, column: 8 }),
    });
    expect(styled(atEnd[0] as string, /41/)).toBe(" ");
  });
});

describe("source lines of a cell not being edited", () => {
  it("match the editor's height and carry no cursor", () => {
    const source = `def f():\n    return 1  # ${"long comment ".repeat(10)}`;
    const lines = renderSourceLines(source, 30, "python", { prompt: "[2]: " });
    const editing = layoutEditor(createTextBuffer(source), { width: 30, prompt: "[2]: " });
    expect(lines.length).toBe(editing.totalRows);
    expect(lines.map((line) => styled(line, /(^|;)7$/)).join("")).toBe("");
    expect(renderSourceLines(source, 30, "python", { prompt: "[2]: " })).toBe(lines);
  });

  it("stop a very long cell at maxRows with a note of the lines left", () => {
    const source = Array.from({ length: 10_000 }, (_, i) => `x${i} = ${i}`).join("\n");
    const rows = renderSourceLines(source, 40, "python", { maxRows: 300 });
    expect(rows.length).toBe(300);
    expect(stripSgr(rows[298] as string)).toBe("x298 = 298");
    expect(stripSgr(rows[299] as string)).toBe("⋯ 9,701 more lines");
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(40);
    expect(renderSourceLines("a\nb", 40, "python", { maxRows: 2 }).map(stripSgr)).toEqual([
      "a",
      "b",
    ]);
  });
});
