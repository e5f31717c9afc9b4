import { renderToString } from "ink";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { CellEditor } from "../../../../src/ui/editor/cell-editor.js";
import { createTextBuffer, textBufferReducer } from "../../../../src/ui/editor/text-buffer.js";
import { useCellEditor } from "../../../../src/ui/editor/use-cell-editor.js";

describe("cell editor view", () => {
  it("shows a window of the cell that follows the cursor", () => {
    const text = Array.from({ length: 10 }, (_, i) => `line${i}`).join("\n");
    const state = textBufferReducer(createTextBuffer(text), {
      type: "moveTo",
      position: { row: 8, col: 0 },
    });
    const screen = renderToString(createElement(CellEditor, { state, height: 3, width: 20 }), {
      columns: 20,
    });
    expect(stripSgr(screen).split("\n")).toEqual(["line6", "line7", "line8"]);
  });

  it("wraps a long line inside the width, never past it", () => {
    const state = createTextBuffer("x".repeat(30));
    const screen = renderToString(
      createElement(CellEditor, { state, height: 5, width: 12, language: "plain" }),
      { columns: 12 },
    );
    expect(stripSgr(screen).split("\n")).toEqual(["xxxxxxxxxxx", "xxxxxxxxxxx", "xxxxxxxx"]);
  });

  it("the hook starts a buffer from the cell's text", () => {
    const screen = renderToString(createElement(Probe), { columns: 20 });
    expect(stripSgr(screen).split("\n")).toEqual(["first", "second"]);
  });
});

function Probe() {
  const { state } = useCellEditor("first\nsecond");
  return createElement(CellEditor, { state, height: 5, width: 20, cursor: false });
}
