import { describe, expect, it } from "vitest";
import { commandToAction } from "../../../../src/ui/editor/commands.js";
import {
  createTextBuffer,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";

const at = (text: string, row: number, col: number): TextBufferState =>
  textBufferReducer(createTextBuffer(text), { type: "moveTo", position: { row, col } });

const press = (state: TextBufferState, command: string, wrap?: number): TextBufferState =>
  textBufferReducer(state, commandToAction(command, { wrap }) as TextBufferAction);

// "abcdefghij" wrapped at 4 columns draws as "abcd" / "efgh" / "ij".
const WRAPPED = "x\nabcdefghij\ny";

describe("Up and Down by visual rows", () => {
  it("move through the rows of a wrapped line before leaving it", () => {
    let state = at(WRAPPED, 0, 1);
    state = press(state, "editor.down", 4);
    expect(state.cursor).toEqual({ row: 1, col: 1 });
    state = press(state, "editor.down", 4);
    expect(state.cursor).toEqual({ row: 1, col: 5 });
    state = press(state, "editor.down", 4);
    expect(state.cursor).toEqual({ row: 1, col: 9 });
    state = press(state, "editor.down", 4);
    expect(state.cursor).toEqual({ row: 2, col: 1 });
    state = press(state, "editor.up", 4);
    expect(state.cursor).toEqual({ row: 1, col: 9 });
    state = press(state, "editor.up", 4);
    expect(state.cursor).toEqual({ row: 1, col: 5 });
  });

  it("keep the goal column through a shorter row, and stop before the next row's start", () => {
    let state = at(WRAPPED, 1, 7); // "h", column 3 of the row "efgh"
    state = press(state, "editor.down", 4); // the row "ij" is shorter: its end
    expect(state.cursor).toEqual({ row: 1, col: 10 });
    state = press(state, "editor.up", 4); // back to column 3
    expect(state.cursor).toEqual({ row: 1, col: 7 });
    state = at("abcdefgh\nxyz", 1, 3);
    state = press(state, "editor.up", 4); // into "efgh" at column 3: "h", not the row's end
    expect(state.cursor).toEqual({ row: 0, col: 7 });
  });

  it("go to the start and the end at the first and last rows", () => {
    expect(press(at(WRAPPED, 0, 1), "editor.up", 4).cursor).toEqual({ row: 0, col: 0 });
    expect(press(at(WRAPPED, 2, 0), "editor.down", 4).cursor).toEqual({ row: 2, col: 1 });
  });

  it("count wide characters by their columns", () => {
    // "日本語です" is 10 columns; wrapped at 4: "日本" / "語で" / "す".
    let state = at("日本語です", 0, 1);
    state = press(state, "editor.down", 4);
    expect(state.cursor).toEqual({ row: 0, col: 3 });
  });

  it("select by visual rows with Shift", () => {
    const state = press(at(WRAPPED, 1, 1), "editor.selectDown", 4);
    expect(state.anchor).toEqual({ row: 1, col: 1 });
    expect(state.cursor).toEqual({ row: 1, col: 5 });
  });

  it("move by buffer lines when the wrap is not known", () => {
    expect(press(at(WRAPPED, 1, 1), "editor.down").cursor).toEqual({ row: 2, col: 1 });
  });
});
