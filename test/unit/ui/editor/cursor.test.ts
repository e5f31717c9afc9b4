import { describe, expect, it } from "vitest";
import { commandToAction } from "../../../../src/ui/editor/commands.js";
import {
  applyCompletion,
  cursorOffset,
  split,
  tabIntent,
} from "../../../../src/ui/editor/cursor.js";
import {
  bufferText,
  createTextBuffer,
  type Position,
  type TextBufferState,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";

function at(text: string, position: Position): TextBufferState {
  return textBufferReducer(createTextBuffer(text), { type: "moveTo", position });
}

describe("cursor queries for the kernel and the app", () => {
  it("gives the cursor as a UTF-16 index and as code points (they differ after emoji)", () => {
    const state = at("a😀\nb😀c", { row: 1, col: 3 });
    expect(cursorOffset(state)).toEqual({ index: 7, codePoints: 5 });
    expect(bufferText(state).slice(0, 7)).toBe("a😀\nb😀");
  });

  it("splits the text at the cursor", () => {
    expect(split(at("ab\ncd\nef", { row: 1, col: 1 }))).toEqual({
      before: "ab\nc",
      after: "d\nef",
    });
    expect(split(at("ab", { row: 0, col: 0 }))).toEqual({ before: "", after: "ab" });
  });

  it("tab means indent when only spaces stand before the cursor, else completion", () => {
    expect(tabIntent(at("    x", { row: 0, col: 4 }))).toBe("indent");
    expect(tabIntent(at("", { row: 0, col: 0 }))).toBe("indent");
    expect(tabIntent(at("    pri", { row: 0, col: 7 }))).toBe("complete");
    const selected = textBufferReducer(at("ab", { row: 0, col: 2 }), {
      type: "move",
      motion: "left",
      select: true,
    });
    expect(tabIntent(selected)).toBe("indent");
  });

  it("applies a completion range in UTF-16 units or in code points", () => {
    const state = at("😀 = 1\nx = pri", { row: 1, col: 7 });
    // "pri" is at UTF-16 [11, 14), code points [10, 13).
    const utf16 = applyCompletion(state, { start: 11, end: 14, text: "print" });
    expect(bufferText(utf16)).toBe("😀 = 1\nx = print");
    expect(utf16.cursor).toEqual({ row: 1, col: 9 });
    const points = applyCompletion(state, { start: 10, end: 13, text: "print" }, "codePoints");
    expect(bufferText(points)).toBe(bufferText(utf16));
    expect(bufferText(textBufferReducer(points, { type: "undo" }))).toBe("😀 = 1\nx = pri");
  });
});

describe("editor commands as buffer actions", () => {
  it("maps movement, selection and editing commands", () => {
    expect(commandToAction("editor.wordLeft")).toEqual({ type: "move", motion: "wordLeft" });
    expect(commandToAction("editor.pageDown", { pageRows: 20 })).toEqual({
      type: "move",
      motion: "pageDown",
      rows: 20,
    });
    expect(commandToAction("editor.selectUp")).toEqual({
      type: "move",
      motion: "up",
      select: true,
    });
    expect(commandToAction("editor.newline", { autoIndent: "keep" })).toEqual({
      type: "newline",
      autoIndent: "keep",
    });
    expect(commandToAction("editor.undo")).toEqual({ type: "undo" });
  });

  it("leaves app-level commands to the app", () => {
    for (const id of ["editor.tab", "editor.inspect", "editor.split", "cell.up", "nope"]) {
      expect(commandToAction(id)).toBeNull();
    }
  });
});
