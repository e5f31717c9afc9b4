import { describe, expect, it } from "vitest";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { cellLanguage, editorWindow, sourceRows } from "../../../../src/ui/editor/cell-rows.js";
import { createTextBuffer, textBufferReducer } from "../../../../src/ui/editor/text-buffer.js";
import { styled } from "./sgr-text.js";

describe("rows for the notebook view", () => {
  it("shows a window of the edited cell that scrolls as little as possible", () => {
    const text = Array.from({ length: 100 }, (_, i) => `n${i}`).join("\n");
    let buffer = textBufferReducer(createTextBuffer(text), {
      type: "moveTo",
      position: { row: 50, col: 0 },
    });
    const first = editorWindow({ cellId: "w1", buffer }, 20, 5);
    expect(first.rows.map(stripSgr)).toEqual(["n46", "n47", "n48", "n49", "n50"]);
    expect(first.cursorRow).toBe(4);
    expect(first.totalRows).toBe(100);
    buffer = textBufferReducer(buffer, { type: "move", motion: "up" });
    const second = editorWindow({ cellId: "w1", buffer }, 20, 5);
    expect(second.rows.map(stripSgr)[0]).toBe("n46");
    expect(second.cursorRow).toBe(3);
  });

  it("marks the kernel's syntax error", () => {
    const buffer = createTextBuffer("x = (1,\ny = 2");
    const window = editorWindow({ cellId: "w2", buffer, syntax: { line: 1, column: 5 } }, 30, 10);
    expect(styled(window.rows[0] as string, /4;31/)).toBe("(");
  });

  it("draws other cells with the same height the editor gives them", () => {
    const source = `# Title\n${"word ".repeat(20)}`;
    const rows = sourceRows(source, 25, cellLanguage("markdown"));
    const edited = editorWindow({ cellId: "w3", buffer: createTextBuffer(source) }, 25, 100, {
      language: "markdown",
    });
    expect(rows.length).toBe(edited.totalRows);
    expect(cellLanguage("raw")).toBe("plain");
    expect(cellLanguage("code", "julia")).toBe("julia");
  });
});
